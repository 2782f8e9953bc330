# Example 1
Stop-ComplianceSearch -Identity "Case 1234"
