# Example 1
Get-RetentionComplianceRule
# Example 2
Get-RetentionComplianceRule -Identity "30 Day Rule" | Format-List
