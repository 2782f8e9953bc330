# Example 1
Set-RegulatoryComplianceUI -Enabled $true
