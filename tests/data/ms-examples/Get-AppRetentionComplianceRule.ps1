# Example 1
Get-AppRetentionComplianceRule | Format-Table Name,Policy
# Example 1
Get-AppRetentionComplianceRule -Identity "Contoso Viva Engage"
