# Example 1
Suspend-PublicFolderMigrationRequest -Identity PFMigReq1
# Example 2
Get-PublicFolderMigrationRequest -Status InProgress | Suspend-PublicFolderMigrationRequest
