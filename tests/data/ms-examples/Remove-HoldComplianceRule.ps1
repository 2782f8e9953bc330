# Example 1
Remove-HoldComplianceRule -Identity "One Year Standard"
