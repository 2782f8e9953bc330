# Example 1
Get-ExchangeSettings
# Example 2
Get-ExchangeSettings -Identity Audit | Format-List
