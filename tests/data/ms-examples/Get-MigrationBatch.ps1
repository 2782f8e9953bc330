# Example 1
Get-MigrationBatch -Identity LocalMove2
# Example 2
Get-MigrationBatch -Endpoint exsrv1.contoso.com
# Example 3
Get-MigrationBatch -Status Syncing
