# Example 1
Get-PublicFolderMigrationRequest
# Example 2
Get-PublicFolderMigrationRequest -Identity "PFMigrate10_11_12" | Format-List Suspended,AutoSuspended
