# Example 1
Get-EligibleDistributionGroupForMigration -ResultSize unlimited
