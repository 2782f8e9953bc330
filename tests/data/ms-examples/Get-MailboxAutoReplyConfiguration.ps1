# Example 1
Get-Mailbox -ResultSize unlimited | Get-MailboxAutoReplyConfiguration
# Example 2
Get-MailboxAutoReplyConfiguration -Identity 'contoso.com/Users/Tony Smith'
