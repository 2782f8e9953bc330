# Example 1
Get-MigrationUserStatistics -Identity davidp@corp.contoso.com -IncludeReport | Format-List Status,Error,Report
# Example 2
Get-MigrationUserStatistics -Identity davidp@corp.contoso.com | Format-List SkippedItemCount,SkippedItems
# Example 3
Get-MigrationUserStatistics -Identity davidp@corp.contoso.com -IncludeSkippedItems | Select-Object -ExpandProperty SkippedItems | Format-List DateReceived, Subject
# Example 4
Get-MigrationUser -BatchId StagedBatch1 | Get-MigrationUserStatistics
# Example 5
Get-MigrationUser | Get-MigrationUserStatistics
# Example 6
Get-MigrationUserStatistics -Identity davidp@corp.contoso.com -Diagnostic | Format-List Status,Error,DiagnosticInfo
