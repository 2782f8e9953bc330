# Example 1
Remove-ComplianceSecurityFilter -FilterName "HR Filter"
