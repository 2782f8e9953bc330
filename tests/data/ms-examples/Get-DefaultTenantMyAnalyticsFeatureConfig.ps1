# Example 1
Get-DefaultTenantMyAnalyticsFeatureConfig
