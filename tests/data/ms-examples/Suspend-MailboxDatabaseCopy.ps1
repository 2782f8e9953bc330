# Example 1
Suspend-MailboxDatabaseCopy -Identity DB1\MBX3 -SuspendComment "Maintenance on MBX3"
# Example 2
Suspend-MailboxDatabaseCopy -Identity DB3\MBX2 -ActivationOnly
