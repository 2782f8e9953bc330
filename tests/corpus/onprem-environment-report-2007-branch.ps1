# Environment report: databases, read with the shell of the version the script runs in.
if (Get-PSSnapin -Name Microsoft.Exchange.Management.PowerShell.Admin -ErrorAction SilentlyContinue) {
    # Exchange 2007 management shell
    $databases = @(Get-MailboxDatabase -IncludePreExchange2007 -Status)
}
else {
    Set-ADServerSettings -ViewEntireForest:$true
    $databases = @(Get-MailboxDatabase -IncludePreExchange2013 -Status)
}
$databases | Sort-Object Name | Format-Table Name, Server, Mounted
