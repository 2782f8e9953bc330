# Example 1
Get-ExchangeServerAccessLicenseUser -LicenseName "Exchange Server 2016 Standard Edition"
