# Example 1
Get-ComplianceTagStorage
