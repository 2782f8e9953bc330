# Example 1
Set-MigrationConfig -MaxNumberOfBatches 50
# Example 2
Set-MigrationConfig -MaxConcurrentMigrations 100
