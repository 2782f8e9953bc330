# Example 1
Remove-MigrationBatch -Identity Cutover1
# Example 2
Remove-MigrationBatch -Identity LocalMove1 -Force
