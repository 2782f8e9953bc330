# Example 1
Remove-AppRetentionCompliancePolicy -Identity "Contoso Viva Engage"
