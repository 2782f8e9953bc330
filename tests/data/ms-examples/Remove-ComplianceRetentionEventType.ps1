# Example 1
Remove-ComplianceRetentionEventType -Identity "Fabrikam Project"
