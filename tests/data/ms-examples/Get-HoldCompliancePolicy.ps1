# Example 1
Get-HoldCompliancePolicy
# Example 2
Get-HoldCompliancePolicy -Identity "Regulation 123 Compliance" | Format-List
