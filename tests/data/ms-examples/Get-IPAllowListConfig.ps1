# Example 1
Get-IPAllowListConfig | Format-List
