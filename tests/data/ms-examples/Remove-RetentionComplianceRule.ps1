# Example 1
Remove-RetentionComplianceRule -Identity "One Year Standard"
