#Requires -Modules ExchangeOnlineManagement
[CmdletBinding()]
param(
    [Parameter(Mandatory)][string]$AppDisplayName,
    [Parameter(Mandatory)][string]$AppId,
    [Parameter(Mandatory)][string]$SpObjectId
)
if (-not (Get-ConnectionInformation)) { throw 'Run Connect-ExchangeOnline first.' }
$name = $AppDisplayName.Substring(0, [math]::Min(22, $AppDisplayName.Length))
New-ServicePrincipal -DisplayName $name -AppId $AppId -ObjectId $SpObjectId -ea:Stop | Out-Null
$scope = New-ManagementScope -Name "Apps - $name" -RecipientRestrictionFilter "CustomAttribute7 -eq 'app-$name'" -ErrorAction Stop
New-ManagementRoleAssignment -App $SpObjectId -Role 'Application Mail.Read' -CustomResourceScope $scope.Name -ErrorAction Stop
