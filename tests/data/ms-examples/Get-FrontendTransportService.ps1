# Example 1
Get-FrontEndTransportService
# Example 2
Get-FrontEndTransportService MBX01 | Format-List
