# Example 1
Set-MigrationBatch -Identity MigrationBatch01 -ApproveSkippedItems
# Example 2
`Set-MigrationBatch -Identity MigrationBatch01 -AddUsers -CSVData ([System.IO.File]::ReadAllBytes('C:\Data\MigrationBatch01.csv'))`
