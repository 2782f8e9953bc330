# Example 1
Resume-MailboxRestoreRequest -Identity "kweku\RestoreFromDB01"
# Example 2
Get-MailboxRestoreRequest -Status Failed | Resume-MailboxRestoreRequest
