param([Parameter(Mandatory)][string]$userUPN, [string]$alertNotify = 'soc@fabrikam.com')
Connect-ExchangeOnline
Connect-IPPSSession
$searchName = "IR-$($userUPN)-$(Get-Date -f yyyyMMdd)"
New-ComplianceSearch -Name $searchName `
    -ExchangeLocation All `
    -SharePointLocation All `
    -OneDriveLocation All `
    -ContentMatchQuery "SensitiveType:'Credit Card Number'"
Start-ComplianceSearch -Identity $searchName
Get-ComplianceSearch -Identity $searchName | Format-List Status, Items
Write-Host "Results in $searchName: see the portal"
New-ProtectionAlert -Name "Watch $userUPN" `
    -Category "ThreatManagement" `
    -NotifyUser $alertNotify `
    -ThreatType @("Malware","Phish","Spam") `
    -AggregationType "SimpleAggregation"
