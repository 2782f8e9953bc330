# Leaver: convert to shared, hide, delegate to the manager (Exchange Online)
param([string]$UserPrincipalName, [string]$Manager)
Import-Module ExchangeOnlineManagement
Connect-ExchangeOnline -UserPrincipalName admin@contoso.onmicrosoft.com -ShowBanner:$false
$mbx = Get-EXOMailbox -Identity $UserPrincipalName -Properties DisplayName
Set-Mailbox -Identity $UserPrincipalName -Type Shared
Set-Mailbox $UserPrincipalName -HiddenFromAddressListsEnabled $true
Add-MailboxPermission -Identity $UserPrincipalName -User $Manager -AccessRights FullAccess -InheritanceType All -AutoMapping:$false
Add-RecipientPermission -Identity $UserPrincipalName -Trustee $Manager -AccessRights SendAs -Confirm:$false
Get-InboxRule -Mailbox $UserPrincipalName | Remove-InboxRule -Confirm:$false
Write-Host "Done: $($mbx.DisplayName)"
Get-PSSession | Remove-PSSession
Disconnect-ExchangeOnline -Confirm:$false
