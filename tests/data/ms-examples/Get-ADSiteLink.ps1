# Example 1
Get-ADSiteLink
# Example 2
Get-ADSiteLink | Where {$_.ExchangeCost -ne $null}
