# Example 1
Get-MigrationConfig
