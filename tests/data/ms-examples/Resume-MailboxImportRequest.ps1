# Example 1
Resume-MailboxImportRequest -Identity kweku\MailboxImport1
# Example 2
Get-MailboxImportRequest -Status Failed | Resume-MailboxImportRequest
