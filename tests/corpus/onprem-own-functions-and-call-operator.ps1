# Exchange Management Shell: helpers are defined here or dot-sourced from the shared folder.
. $PSScriptRoot\Shared\Get-ExchangeServerIPs.ps1
function Get-MailboxDatabaseReport {
    [CmdletBinding()]
    param([string]$Server)
    Get-MailboxDatabase -Server $Server -Status | Select-Object Name, DatabaseSize
}
function Set-MailboxQuotaDefaults {
    [CmdletBinding(SupportsShouldProcess)]
    param([Parameter(Mandatory, ValueFromPipeline)]$Mailbox)
    process {
        Set-Mailbox -Identity $Mailbox -UseDatabaseQuotaDefaults $true -WhatIf:$WhatIfPreference
    }
}
$servers = Get-ExchangeServer | Where-Object { $_.IsMailboxServer }
foreach ($s in $servers) {
    Get-MailboxDatabaseReport -Server $s.Name
    $ips = Get-ExchangeServerIPs -Server $s.Name
    $check = { param($n) Test-ServiceHealth -Server $n }
    & $check $s.Name
    & { Get-Mailbox -Server $s.Name -ResultSize 10 | Set-MailboxQuotaDefaults }
}
