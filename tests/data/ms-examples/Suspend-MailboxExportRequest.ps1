# Example 1
Suspend-MailboxExportRequest -Identity "Ayla\MailboxExport1"
# Example 2
Get-MailboxExportRequest -Status InProgress | Suspend-MailboxExportRequest -SuspendComment "Resume after 22:00 (10 P.M.)"
