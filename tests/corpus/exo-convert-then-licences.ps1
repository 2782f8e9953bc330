Connect-ExchangeOnline
$box = Read-Host "Mailbox to convert"
$owner = Read-Host "Who gets access"
Set-Mailbox $box -Type shared
Start-Sleep -s 90
Add-MailboxPermission -Identity $box -User $owner -AccessRights FullAccess
Connect-MsolService
foreach ($sku in (Get-MsolUser -UserPrincipalName $box).Licenses.AccountSkuId) {
    Set-MsolUserLicense -UserPrincipalName $box -RemoveLicenses $sku
}
Set-MsolUser -UserPrincipalName $box -BlockCredential $true
