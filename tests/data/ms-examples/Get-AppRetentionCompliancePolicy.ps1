# Example 1
Get-AppRetentionCompliancePolicy | Format-Table Name,GUID
# Example 1
Get-AppRetentionCompliancePolicy -Identity "Contoso Viva Engage"
