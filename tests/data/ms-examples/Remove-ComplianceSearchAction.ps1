# Example 1
Remove-ComplianceSearchAction -Identity "Case 1234_Preview"
