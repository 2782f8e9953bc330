# Example 1
Get-IPBlockListConfig | Format-List
