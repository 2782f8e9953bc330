# Example 1
Remove-DlpComplianceRule -Identity "PII SS# Custom"
