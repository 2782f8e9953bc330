# Example 1
Get-ComplianceRetentionEventType | Format-Table Name,Priority
# Example 2
Get-ComplianceRetentionEventType -Identity "Fabrikam Project" -LoadTag
