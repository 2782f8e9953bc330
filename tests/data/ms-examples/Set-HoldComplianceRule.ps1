# Example 1
Set-HoldComplianceRule -Identity "Internal Company Rule" -HoldContent 180
