# Example 1
Remove-DlpCompliancePolicy -Identity 7e640345-1a7f-4f4e-9c17-681c070ed5e2
# Example 2
Remove-DlpCompliancePolicy -Identity "PII Main Policy"
