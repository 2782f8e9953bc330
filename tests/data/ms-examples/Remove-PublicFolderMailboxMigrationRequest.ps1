# Example 1
Remove-PublicFolderMailboxMigrationRequest -Identity \PublicFolderMailboxMigrationac6d9eb4-ee49-405f-b90d-04e9a258bd7e
# Example 2
Get-PublicFolderMailboxMigrationRequest | ?{$_.TargetMailbox -eq $null}
# Example 3
Get-PublicFolderMailboxMigrationRequest | group TargetMailbox | ?{$_.Count -gt 1}
