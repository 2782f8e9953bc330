# Example 1
Get-ComplianceSecurityFilter | Format-Table -Auto FilterName,Action
# Example 2
Get-ComplianceSecurityFilter -FilterName "HR Filter"
