# Example 1
Get-ExchangeFeature -Status "Enabled"
# Example 2
Get-ExchangeFeature -FeatureID "PING.1.0"
