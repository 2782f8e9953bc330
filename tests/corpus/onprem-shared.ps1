# Shared mailbox in hybrid, on-premises side
Add-PSSnapin Microsoft.Exchange.Management.PowerShell.SnapIn
$users = Import-Csv .\leavers.csv
foreach ($U in $users) {
    Enable-RemoteMailbox -Shared $U.Alias -RemoteRoutingAddress "$($U.Alias)@contoso.mail.onmicrosoft.com"
    Set-RemoteMailbox -Identity "$U.UserPrincipalName" -Type Shared
    Get-ADUser $U.SamAccountName | Set-ADUser -Enabled $false
    Set-Mailbox -Identity "" -Type Shared
    Get-RemoteMailbox $U.Alias | Set-Mailbox -Type Shared
    Set-RemoteMailbox $U.Alias -Confirm $false
}
