# Example 1
Get-TeamsProtectionPolicyRule
