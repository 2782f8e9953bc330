# Hosting: prepare a client's accepted domains and public folder (Exchange Management Shell).
param([string]$ClientName, [string[]]$Domains, [switch]$Confirm)
Add-PSSnapin Microsoft.Exchange.Management.PowerShell.SnapIn
foreach ($DomainName in $Domains)
{
    $Name = $ClientName + " " + $DomainName
    Remove-AcceptedDomain -Identity "$Name.migration" -Confirm:$Confirm
    New-AcceptedDomain -Name $Name -DomainName $DomainName -DomainType Authoritative -Confirm:$Confirm
}
New-PublicFolder -Name "$ClientName Public Folders" -Confirm:$Confirm
Remove-PublicFolderClientPermission "\$ClientName Public Folders" -User Default
