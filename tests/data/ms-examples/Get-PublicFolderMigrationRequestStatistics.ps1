# Example 1
Get-PublicFolderMigrationRequestStatistics -RequestQueue "MBXDB02"
# Example 2
Get-PublicFolderMigrationRequestStatistics -Identity "PFMigrate_MarketingReports" -IncludeReport | Export-CSV C:\PFMigstats.csv
