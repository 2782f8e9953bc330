# Example 1
Set-MailboxRestoreRequest -Identity "Ayla\MailboxRestore1" -BadItemLimit 10
# Example 2
Set-MailboxRestoreRequest -Identity "Kweku\MailboxRestore" -BadItemLimit 100 -AcceptLargeDataLoss
