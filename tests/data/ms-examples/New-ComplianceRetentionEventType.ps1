# Example 1
New-ComplianceRetentionEventType -Name "Fabrikam Project"
