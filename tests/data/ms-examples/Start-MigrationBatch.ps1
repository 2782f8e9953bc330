# Example 1
Start-MigrationBatch -Identity SEM1
