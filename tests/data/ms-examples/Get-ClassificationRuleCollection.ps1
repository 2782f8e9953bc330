# Example 1
Get-ClassificationRuleCollection
# Example 2
Get-ClassificationRuleCollection "Microsoft Rule Pack" | Format-List
