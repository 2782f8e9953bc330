# Example 1
Get-MailboxDatabaseCopyStatus -Identity DB1 | Format-List
# Example 2
Get-MailboxDatabaseCopyStatus -Server MBX1 | Format-List
# Example 3
Get-MailboxDatabaseCopyStatus -Identity DB1\MBX2 | Format-List
