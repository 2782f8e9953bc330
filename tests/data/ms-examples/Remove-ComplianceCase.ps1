# Example 1
Remove-ComplianceCase -Identity "Case 5150"
