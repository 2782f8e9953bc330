# Example 1
Remove-HoldCompliancePolicy -Identity "Regulation 123 Compliance"
