# Example 1
Get-PublicFolderMailboxMigrationRequest
# Example 2
Get-PublicFolderMailboxMigrationRequest -HighPriority $true
# Example 3
Get-PublicFolderMailboxMigrationRequest | ?{$_.TargetMailbox -eq $null}
# Example 4
Get-PublicFolderMailboxMigrationRequest | group TargetMailbox |?{$_.Count -gt 1}
