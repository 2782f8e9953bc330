# Example 1
Get-ComplianceSearchAction
# Example 2
Get-ComplianceSearchAction -Identity "Case 1234_Preview" | Format-List
