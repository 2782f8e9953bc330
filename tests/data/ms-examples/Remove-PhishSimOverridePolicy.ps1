# Example 1
Get-PhishSimOverridePolicy | Remove-PhishSimOverridePolicy
