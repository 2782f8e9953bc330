# Example 1
Get-SecOpsOverridePolicy
