# Example 1
Update-MailboxDatabaseCopy -Identity DB1\MBX1
# Example 2
Update-MailboxDatabaseCopy -Identity DB1\MBX1 -SourceServer MBX2
# Example 3
Update-MailboxDatabaseCopy -Identity DB1\MBX1 -DatabaseOnly
# Example 4
Update-MailboxDatabaseCopy -Identity DB1\MBX1 -CatalogOnly
# Example 5
Update-MailboxDatabaseCopy -Server MBX1
