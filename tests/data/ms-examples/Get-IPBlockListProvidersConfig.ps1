# Example 1
Get-IPBlockListProvidersConfig | Format-List
