# Example 1
Set-DefaultTenantMyAnalyticsFeatureConfig -Feature All -IsEnabled $true
# Example 2
Set-DefaultTenantMyAnalyticsFeatureConfig -Feature Add-in -IsEnabled $false
# Example 3
Set-DefaultTenantMyAnalyticsFeatureConfig -Feature Meeting-Effectiveness-Survey-Sampling-Rate -SamplingRate 0.2
