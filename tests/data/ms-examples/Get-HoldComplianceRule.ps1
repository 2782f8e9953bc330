# Example 1
Get-HoldComplianceRule
# Example 2
Get-HoldComplianceRule -Identity "30DayRule" | Format-List
