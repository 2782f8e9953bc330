# Example 1
Remove-SecOpsOverridePolicy -Identity SecOpsOverridePolicy
