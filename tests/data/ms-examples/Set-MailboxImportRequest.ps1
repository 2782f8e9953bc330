# Example 1
Set-MailboxImportRequest -Identity "Kweku\Import" -BadItemLimit 5
# Example 2
Get-MailboxImportRequest -Status Suspended | Set-MailboxImportRequest -BatchName April14
