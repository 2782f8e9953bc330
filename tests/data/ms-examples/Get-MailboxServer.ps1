# Example 1
Get-MailboxServer
# Example 2
Get-MailboxServer -Identity Server1 | Format-List
