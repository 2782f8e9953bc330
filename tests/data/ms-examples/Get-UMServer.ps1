# Example 1
Get-UMServer
# Example 2
Get-UMServer -Identity MyUMServer | Format-List
