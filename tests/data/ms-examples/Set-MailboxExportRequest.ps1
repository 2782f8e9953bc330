# Example 1
Set-MailboxExportRequest -Identity "Ayla\MailboxExport1\" -BadItemLimit 10
