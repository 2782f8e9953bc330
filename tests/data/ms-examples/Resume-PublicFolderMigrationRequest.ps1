# Example 1
Resume-PublicFolderMigrationRequest -Identity "PublicFolderMigration"
# Example 2
Get-PublicFolderMigrationRequest -Status Failed | Resume-PublicFolderMigrationRequest
