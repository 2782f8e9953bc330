<#
.SYNOPSIS
Converts leavers' mailboxes to shared mailboxes from a CSV, the way many admins do it by hand.

.DESCRIPTION
Reads leavers.csv (Identity, FullAccess, SendAs, SendOnBehalf, AutoMapping; lists separated
with ';'), checks each mailbox with Get-Mailbox and Get-MailboxStatistics, converts it with
Set-Mailbox -Type Shared (Set-RemoteMailbox -Type Shared for a hybrid remote mailbox), grants
Full Access without auto-mapping, Send As and Send on Behalf, keeps copies of sent items, and
logs every step. Run it in the Exchange Management Shell.

mbxctl does the same with pre-flight checks, a journal, resume and undo:
    Import-Csv .\leavers.csv | Convert-MbxMailbox -To Shared
and `mbxctl validate examples/leavers.ps1` checks every Exchange call in this script.

.EXAMPLE
.\leavers.ps1 -Path .\leavers.csv -LogPath .\leavers.log -WhatIf
#>
[CmdletBinding(SupportsShouldProcess = $true)]
param(
    [string] $Path = (Join-Path $PSScriptRoot 'leavers.csv'),
    [string] $LogPath = (Join-Path $PSScriptRoot ('leavers-{0:yyyyMMdd-HHmmss}.log' -f (Get-Date))),
    # 50 GB, the unlicensed shared-mailbox limit in Exchange Online.
    [long] $UnlicensedLimitBytes = 53687091200
)

function Write-Log {
    param([string] $Message, [string] $Level = 'INFO')
    $line = '{0:yyyy-MM-dd HH:mm:ss} [{1}] {2}' -f (Get-Date), $Level, $Message
    Add-Content -LiteralPath $LogPath -Value $line
    Write-Verbose $line
}

function Split-Cell {
    param([string] $Cell)
    if (-not $Cell) { return @() }
    @($Cell -split '[;|]' | ForEach-Object { $_.Trim() } | Where-Object { $_ })
}

$rows = @(Import-Csv -LiteralPath $Path)
Write-Log "Read $($rows.Count) leaver(s) from $Path"
$done = 0
$failed = 0

foreach ($row in $rows) {
    $id = $row.Identity.Trim()
    try {
        $mailbox = Get-Mailbox -Identity $id -ErrorAction SilentlyContinue
        if (-not $mailbox) {
            $remote = Get-RemoteMailbox -Identity $id -ErrorAction SilentlyContinue
            if (-not $remote) {
                Write-Log "$id : no mailbox or remote mailbox found" 'ERROR'
                $failed++
                continue
            }
            if ($remote.RecipientTypeDetails -eq 'RemoteSharedMailbox') {
                Write-Log "$id : already a remote shared mailbox"
                continue
            }
            if ($PSCmdlet.ShouldProcess($id, 'Set-RemoteMailbox -Type Shared')) {
                Set-RemoteMailbox -Identity $id -Type Shared -ErrorAction Stop
                Write-Log "$id : remote mailbox set to Shared; convert the cloud mailbox in Exchange Online too"
            }
            $done++
            continue
        }

        if ($mailbox.RecipientTypeDetails -eq 'SharedMailbox') {
            Write-Log "$id : already a shared mailbox"
            continue
        }
        if ($mailbox.LitigationHoldEnabled -or $mailbox.InPlaceHolds) {
            Write-Log "$id : on hold; a shared mailbox with a hold needs a licence in Exchange Online" 'WARN'
        }
        $stats = Get-MailboxStatistics -Identity $id -ErrorAction SilentlyContinue
        if ($stats) {
            $size = [long](($stats.TotalItemSize.ToString() -replace '^.*\(([\d,]+) bytes\).*$', '$1') -replace ',', '')
            if ($size -gt $UnlicensedLimitBytes) {
                Write-Log "$id : $($stats.TotalItemSize) is over the 50 GB unlicensed limit; skipped" 'ERROR'
                $failed++
                continue
            }
        }

        if (-not $PSCmdlet.ShouldProcess($id, 'Convert to a shared mailbox and grant access')) { continue }
        Set-Mailbox -Identity $id -Type Shared -ErrorAction Stop
        Write-Log "$id : converted to Shared"

        $autoMapping = $true
        if ($row.AutoMapping -match '^(false|no|0)$') { $autoMapping = $false }
        foreach ($user in (Split-Cell $row.FullAccess)) {
            Add-MailboxPermission -Identity $id -User $user -AccessRights FullAccess -InheritanceType All -AutoMapping $autoMapping -ErrorAction Stop | Out-Null
            Write-Log "$id : Full Access for $user (AutoMapping $autoMapping)"
        }
        foreach ($user in (Split-Cell $row.SendAs)) {
            Add-ADPermission -Identity $mailbox.DistinguishedName -User $user -AccessRights ExtendedRight -ExtendedRights 'Send As' -ErrorAction Stop | Out-Null
            Write-Log "$id : Send As for $user"
        }
        foreach ($user in (Split-Cell $row.SendOnBehalf)) {
            Set-Mailbox -Identity $id -GrantSendOnBehalfTo @{ Add = $user } -ErrorAction Stop
            Write-Log "$id : Send on Behalf for $user"
        }
        Set-Mailbox -Identity $id -MessageCopyForSentAsEnabled $true -MessageCopyForSendOnBehalfEnabled $true -ErrorAction Stop

        $after = Get-Mailbox -Identity $id
        Write-Log "$id : now $($after.RecipientTypeDetails)"
        $done++
    } catch {
        Write-Log "$id : $($_.Exception.Message)" 'ERROR'
        $failed++
    }
}

Write-Log "Done: $done converted, $failed failed"
if ($failed -gt 0) { exit 1 }
