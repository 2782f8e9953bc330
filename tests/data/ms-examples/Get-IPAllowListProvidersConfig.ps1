# Example 1
Get-IPAllowListProvidersConfig | Format-List
