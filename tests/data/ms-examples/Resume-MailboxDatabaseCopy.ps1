# Example 1
Resume-MailboxDatabaseCopy -Identity DB1\MBX3
# Example 2
Resume-MailboxDatabaseCopy -Identity DB2\MBX4 -ReplicationOnly
