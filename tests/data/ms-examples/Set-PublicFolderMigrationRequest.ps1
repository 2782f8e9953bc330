# Example 1
Set-PublicFolderMigrationRequest -Identity PublicFolderMigration -BadItemLimit 5
