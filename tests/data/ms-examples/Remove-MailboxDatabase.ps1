# Example 1
Remove-MailboxDatabase -Identity MailboxDatabase01
