# Example 1
Get-TransportServer
# Example 2
Get-TransportServer Mailbox01 | Format-List
