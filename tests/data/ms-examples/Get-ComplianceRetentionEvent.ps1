# Example 1
Get-ComplianceRetentionEvent | Format-Table Name,Description
# Example 2
Get-ComplianceRetentionEvent -Identity "Case 1234"
