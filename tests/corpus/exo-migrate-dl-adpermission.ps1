[CmdletBinding(SupportsShouldProcess)]
param([Parameter(Mandatory)][string]$Group)
# Needs the Exchange Management Shell for the on-premises half and Connect-ExchangeOnline for the cloud half.
$needed = 'Set-ADServerSettings', 'Get-DistributionGroup', 'Get-ADPermission', 'New-DistributionGroup'
if (-not (Get-Command Get-ConnectionInformation -ErrorAction SilentlyContinue)) {
    throw 'This script requires Connect-ExchangeOnline to have been completed in advance.'
}
Set-ADServerSettings -ViewEntireForest $true -ErrorAction Stop
$dg = Get-DistributionGroup -Identity $Group -ErrorAction Stop
$sendAs = Get-ADPermission -Identity $dg.Guid.Guid -ErrorAction Stop | Where-Object { ($_.IsInherited -ne $true) -and ($_.ExtendedRights -like '*Send-As*') }
if ($PSCmdlet.ShouldProcess($Group, 'recreate in Exchange Online')) {
    New-DistributionGroup -Name "$($dg.Name)-cloud" -PrimarySmtpAddress "cloud-$($dg.PrimarySmtpAddress)" -WhatIf:$WhatIfPreference
}
