# Example 1
Get-FailedContentIndexDocuments -Identity "Terry Adams"
# Example 2
Get-FailedContentIndexDocuments -MailboxDatabase "Mailbox Database MDB2"
