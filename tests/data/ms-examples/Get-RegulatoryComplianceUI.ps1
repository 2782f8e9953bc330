# Example 1
Get-RegulatoryComplianceUI
