# Example 1
Get-ComplianceSearch
# Example 2
Get-ComplianceSearch -Identity "Case 1234" | Format-List
