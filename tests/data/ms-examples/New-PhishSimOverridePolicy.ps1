# Example 1
New-PhishSimOverridePolicy -Name PhishSimOverridePolicy
