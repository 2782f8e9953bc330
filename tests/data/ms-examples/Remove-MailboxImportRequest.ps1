# Example 1
Remove-MailboxImportRequest -Identity "Ayla\MailboxImport1"
# Example 2
Remove-MailboxImportRequest -RequestQueue MBXDB01 -RequestGuid 25e0eaf2-6cc2-4353-b83e-5cb7b72d441f
# Example 3
Get-MailboxImportRequest -Status Completed | Remove-MailboxImportRequest
