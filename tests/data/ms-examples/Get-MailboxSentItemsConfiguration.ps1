# Example 1
Get-MailboxSentItemsConfiguration -Identity "Customer Support Feedback"
