# Example 1
Remove-ComplianceSearch -Identity "Case 1234"
