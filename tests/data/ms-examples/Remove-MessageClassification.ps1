# Example 1
Remove-MessageClassification -Identity "My Message Classification"
