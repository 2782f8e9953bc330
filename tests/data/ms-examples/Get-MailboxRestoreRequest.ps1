# Example 1
Get-MailboxRestoreRequest -Identity "Ayla\MailboxRestore"
# Example 2
Get-MailboxRestoreRequest -TargetDatabase MBD01
# Example 3
Get-MailboxRestoreRequest -RequestQueue MBD01
# Example 4
Get-MailboxRestoreRequest -Name "RestoreToMBD01" -Suspend $true
