$cred = Get-Credential
$s = New-PSSession -ConfigurationName Microsoft.Exchange -ConnectionUri https://outlook.office365.com/powershell-liveid/ -Credential $cred -Authentication Basic -AllowRedirection
Import-PSSession $s
$leaver = Read-Host 'Mailbox to convert'
$manager = Read-Host 'Who gets access'
Set-Mailbox $leaver -Type shared
Add-MailboxPermission -Identity $leaver -User $manager -AccessRights FullAccess
Connect-MsolService -Credential $cred
Set-MsolUserLicense -UserPrincipalName "$leaver" -RemoveLicenses contoso:EXCHANGESTANDARD
