# Example 1
Get-PublicFolderMigrationRequest | Remove-PublicFolderMigrationRequest
# Example 2
Remove-PublicFolderMigrationRequest -RequestQueue MBXDB01 -RequestGuid 25e0eaf2-6cc2-4353-b83e-5cb7b72d441f
