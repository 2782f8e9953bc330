$s = New-PSSession -ConfigurationName Microsoft.Exchange -ConnectionUri http://ex01.contoso.local/powershell -Authentication Kerberos
Import-PSSession $s
$name = Read-Host 'Mailbox name'
$sam = $name -replace " ", ""
$upn = "$sam@contoso.com"
$rra = "$sam@contoso.mail.onmicrosoft.com"
$ou = "OU=Shared,OU=Resources,DC=contoso,DC=local"
$dupe = Get-ADObject -Properties mail -Filter { mail -eq $upn }
if ($null -eq $dupe) {
    New-RemoteMailbox -Name $name -SamAccountName $sam -UserPrincipalName $upn -OnPremisesOrganizationalUnit $ou -PrimarySmtpAddress $upn -RemoteRoutingAddress $rra -DomainController dc01.contoso.local -Shared
}
