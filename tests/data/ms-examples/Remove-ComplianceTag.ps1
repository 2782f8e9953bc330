# Example 1
Remove-ComplianceTag -Identity "HR Content"
