# Example 1
Export-MigrationReport
