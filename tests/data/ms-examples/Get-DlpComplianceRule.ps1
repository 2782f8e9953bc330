# Example 1
Get-DlpComplianceRule
# Example 2
Get-DlpComplianceRule -Identity "PII SS# Custom" | Format-List
# Example 3
Get-DlpComplianceRule -Policy "PII Limited"
