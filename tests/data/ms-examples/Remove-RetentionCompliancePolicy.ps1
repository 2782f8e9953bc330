# Example 1
Remove-RetentionCompliancePolicy -Identity "Regulation 123 Compliance"
