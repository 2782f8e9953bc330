# Example 1
Suspend-MailboxImportRequest -Identity "Ayla\MailboxImport1"
# Example 2
Get-MailboxImportRequest -Status InProgress | Suspend-MailboxImportRequest -SuspendComment "Resume after 22:00 (10 P.M.)"
