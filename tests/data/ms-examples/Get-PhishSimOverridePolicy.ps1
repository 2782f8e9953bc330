# Example 1
Get-PhishSimOverridePolicy
