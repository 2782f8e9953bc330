# Example 1
Get-TransportService
# Example 2
Get-TransportService Mailbox1 | Format-List
