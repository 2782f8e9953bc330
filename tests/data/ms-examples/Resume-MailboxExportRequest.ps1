# Example 1
Resume-MailboxExportRequest -Identity kweku\export
# Example 2
Get-MailboxExportRequest -Status Failed | Resume-MailboxExportRequest
