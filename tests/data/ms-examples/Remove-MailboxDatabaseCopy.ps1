# Example 1
Remove-MailboxDatabaseCopy -Identity DB1\MBX3
