# Example 1
Get-ExchangeAssistanceConfig -Identity Contoso.com
# Example 2
Get-ExchangeAssistanceConfig | Format-Table
