# Example 1
Stop-MigrationBatch
# Example 2
Stop-MigrationBatch -Identity MigrationBatch1
