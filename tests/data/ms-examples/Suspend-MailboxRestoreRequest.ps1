# Example 1
Suspend-MailboxRestoreRequest -Identity "Ayla\MailboxRestore1"
# Example 2
Get-MailboxRestoreRequest -Status InProgress | Suspend-MailboxRestoreRequest -SuspendComment "Resume after 10:00 PM"
