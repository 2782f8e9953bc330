# Example 1
Set-ComplianceRetentionEventType -Identity "Fabrikam Project" -Comment "Case officer is Pedro Pizarro"
