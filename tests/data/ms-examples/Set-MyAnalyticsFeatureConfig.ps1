# Example 1
Set-MyAnalyticsFeatureConfig -Identity vikram@contoso.com -PrivacyMode opt-in
# Example 2
Set-MyAnalyticsFeatureConfig -Identity swathy@contoso.com -PrivacyMode opt-in -Feature digest-email -IsEnabled $false
# Example 3
Set-MyAnalyticsFeatureConfig -Identity akshath@contoso.com -Feature digest-email -IsEnabled $false
