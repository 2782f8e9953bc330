# Example 1
Set-MailboxDatabaseCopy -Identity DB2\MBX1 -ReplayLagTime 3.0:0:0
# Example 2
Set-MailboxDatabaseCopy -Identity DB1\MBX2 -ActivationPreference 3
