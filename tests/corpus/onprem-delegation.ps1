# Delegation on-premises: full access and send-as for a team, through a remote session
$s = New-PSSession -ConfigurationName Microsoft.Exchange -ConnectionUri http://ex01.contoso.local/PowerShell/ -Authentication Kerberos
Import-PSSession $s -DisableNameChecking
$p = @{ Identity = 'sales'; User = 'kim'; AccessRights = 'FullAccess'; InheritanceType = 'All' }
Add-MailboxPermission @p
Add-ADPermission -Identity 'Sales Team' -User 'contoso\kim' -ExtendedRights 'Send As'
Get-MailboxPermission -Identity sales | Where-Object { $_.User -notlike 'NT AUTHORITY*' }
Set-Mailbox sales -GrantSendOnBehalfTo @{Add="kim@contoso.com,bob@contoso.com"}
Remove-MailboxPermission -Identity sales -User bob -AccessRights FullAccess -Confirm:$false
Remove-PSSession $s
