# Example 1
Remove-RetentionPolicyTag -Identity "Finance-DeletedItems"
