# Example 1
Get-TeamsProtectionPolicy
