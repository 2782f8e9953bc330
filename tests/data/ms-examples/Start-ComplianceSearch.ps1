# Example 1
Start-ComplianceSearch -Identity "Case 1234"
