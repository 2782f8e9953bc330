#Requires -Module ExchangeOnlineManagement
[CmdletBinding()]
param()
try { Get-Mailbox -ErrorAction Stop | Out-Null } catch { Connect-ExchangeOnline }
$all = Get-Mailbox -ResultSize Unlimited
$people = $all | Where-Object RecipientTypeDetails -eq UserMailbox | Out-GridView -PassThru | Select-Object -ExpandProperty UserPrincipalName
$shared = $all | Where-Object RecipientTypeDetails -eq SharedMailbox | Out-GridView -OutputMode Single | Select-Object -ExpandProperty UserPrincipalName
foreach ($p in $people) {
    Remove-MailboxPermission -Identity $shared -User $p -AccessRights FullAccess -Confirm:$false
    Add-MailboxPermission -Identity $shared -User $p -AccessRights FullAccess -AutoMapping:$false
    Add-RecipientPermission $shared -AccessRights SendAs -Trustee $p -Confirm:$false
}
