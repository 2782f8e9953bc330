# Example 1
Set-PhishSimOverridePolicy -Identity PhishSimOverridePolicy -Enabled $false
