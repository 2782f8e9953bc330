<#
.SYNOPSIS
Grants or takes away one user's access to several shared mailboxes.
.EXAMPLE
.\shared-access.ps1 -User "amir@fabrikam.com" -Boxes "sales@fabrikam.com,desk@fabrikam.com" -Action Add
#>
param(
   [Parameter(Mandatory=$true)]
   [string]$User,
   [Parameter(Mandatory=$true)]
   [string]$Boxes,
   [Parameter(Mandatory=$true)]
   [ValidateSet("Add","Remove")]
   [string]$Action
)
Import-Module ExchangeOnlineManagement
Connect-ExchangeOnline
foreach ($box in ($Boxes -split ',')) {
    if ($Action -eq "Add") {
        Add-MailboxPermission -Identity $box -User $User -AccessRights FullAccess -AutoMapping $false
    } elseif ($Action -eq "Remove") {
        Remove-MailboxPermission -Identity $box -User $User -Confirm:$false
    }
}
