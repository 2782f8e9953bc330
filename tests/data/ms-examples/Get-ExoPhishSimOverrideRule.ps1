# Example 1
Get-ExoPhishSimOverrideRule
# Example 2
Get-ExoPhishSimOverrideRule | Format-Table Name,Mode
