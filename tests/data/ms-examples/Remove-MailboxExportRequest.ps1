# Example 1
Remove-MailboxExportRequest -Identity "Ayla\MailboxExport1"
# Example 2
Get-MailboxExportRequest -Status Completed | Remove-MailboxExportRequest
# Example 3
Remove-MailboxExportRequest -RequestQueue MBXDB01 -RequestGuid 25e0eaf2-6cc2-4353-b83e-5cb7b72d441f
