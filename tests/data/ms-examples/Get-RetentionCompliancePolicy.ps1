# Example 1
Get-RetentionCompliancePolicy
# Example 2
Get-RetentionCompliancePolicy -Identity "Regulation 123 Compliance" -DistributionDetail | Format-List
