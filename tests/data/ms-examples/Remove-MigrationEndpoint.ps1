# Example 1
Remove-MigrationEndpoint -Identity CrossForestME01
