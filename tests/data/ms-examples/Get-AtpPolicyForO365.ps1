# Example 1
Get-AtpPolicyForO365
