# Example 1
Remove-AppRetentionComplianceRule -Identity "Contoso Viva Engage"
