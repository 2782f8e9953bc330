# Example 1
Get-MailboxTransportService
# Example 2
Get-MailboxTransportService Mailbox01 | Format-List
