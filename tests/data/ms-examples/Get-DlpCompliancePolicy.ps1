# Example 1
Get-DlpCompliancePolicy
# Example 2
Get-DlpCompliancePolicy -Identity "PII Limited" | Format-List
# Example 3
Get-DlpCompliancePolicy -Identity "PII Limited" -DistributionDetail | Format-List DistributionStatus
# Example 4
$dlp = Get-DlpCompliancePolicy; ForEach ($d in $dlp){Get-DlpCompliancePolicy -DistributionDetail $d.name | Format-List Name,DistributionStatus}
