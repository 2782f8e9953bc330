# Example 1
New-TeamsProtectionPolicy -Name "Teams Protection Policy"
