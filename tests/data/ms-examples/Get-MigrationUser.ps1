# Example 1
Get-MigrationUser -Identity TonySmith@contoso.com
# Example 2
Get-MigrationUser -MailboxGuid b6a6795c-a010-4f67-aaaa-da372d56fcb9 | Get-MigrationUserStatistics
# Example 3
Get-MigrationUser -EmailAddress TonySmith@contoso.com
# Example 4
Get-MigrationUser -EmailAddress TonySmith@contoso.com | Get-MigrationUserStatistics
