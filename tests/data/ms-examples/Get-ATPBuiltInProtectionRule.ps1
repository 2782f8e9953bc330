# Example 1
Get-ATPBuiltInProtectionRule
