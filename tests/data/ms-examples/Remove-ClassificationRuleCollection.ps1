# Example 1
Remove-ClassificationRuleCollection "External Classification Rule Collection"
