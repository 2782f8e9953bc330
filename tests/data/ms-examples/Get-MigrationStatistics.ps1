# Example 1
Get-MigrationStatistics
