# Example 1
Get-ExchangeServerAccessLicense
