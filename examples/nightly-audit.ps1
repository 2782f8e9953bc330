<#
.SYNOPSIS
Nightly runbook: finish interrupted mbxctl batches, audit the hybrid organisation, alert on
critical findings.

.DESCRIPTION
Schedule it (Task Scheduler, Azure Automation Hybrid Worker, any CI) with an account that holds
Recipient Management on-premises and the Exchange Online app registration behind the cloud
profile. It:
  1. resumes every batch run that did not finish (a reboot, a lost session);
  2. runs the hybrid audit (mailboxes directory sync will turn back to user mailboxes,
     unlicensed mailboxes at risk, remote mailboxes without ProvisionMailbox, ...);
  3. writes the findings to a dated CSV, and mails the critical ones;
  4. exits 1 when something is critical or failed, so the scheduler shows it.

.EXAMPLE
.\nightly-audit.ps1 -OnPremisesProfile onprem -CloudProfile exo -AlertTo exchange-team@contoso.com -SmtpServer smtp.contoso.com

.EXAMPLE
.\nightly-audit.ps1 -LabPath C:\Temp\mbxctl-lab -ReportFolder C:\Temp\audit

Against the simulated LAB organisation.
#>
[CmdletBinding()]
param(
    [string] $OnPremisesProfile = 'onprem',
    [string] $CloudProfile = 'exo',
    [string] $LabPath,
    [string] $ReportFolder = (Join-Path $PSScriptRoot 'reports'),
    [string[]] $AlertTo,
    [string] $AlertFrom = 'mbxctl-audit@contoso.com',
    [string] $SmtpServer,
    [switch] $Enrich
)

$ErrorActionPreference = 'Stop'
Import-Module MbxCtl

$connection = @{ Profile = $OnPremisesProfile; CloudProfile = $CloudProfile }
if ($LabPath) { $connection = @{ LabPath = $LabPath } }

if (-not (Test-Path -LiteralPath $ReportFolder)) { New-Item -ItemType Directory -Path $ReportFolder | Out-Null }
$stamp = Get-Date -Format 'yyyyMMdd-HHmm'
$problems = New-Object System.Collections.Generic.List[string]

# 1. Finish what an earlier batch left half done. Errors are collected, not fatal.
$unfinished = @(Get-MbxRun @connection | Where-Object { -not $_.Finished -and -not $_.Error })
foreach ($run in $unfinished) {
    $resumeErrors = $null
    $resumed = @(Resume-MbxRun -Id $run.Id @connection -Confirm:$false -ErrorAction SilentlyContinue -ErrorVariable resumeErrors)
    foreach ($e in @($resumeErrors)) {
        $problems.Add("run $($run.Id): $($e.TargetObject): $($e.Exception.Message)")
    }
    Write-Verbose "Resumed run $($run.Id): $($resumed.Count) mailbox(es) finished"
}

# 2. The audit. A session that cannot be opened is terminating: catch it and alert.
try {
    $findings = @(Invoke-MbxHybridAudit @connection)
} catch {
    $findings = @()
    $problems.Add("hybrid audit did not run: $($_.Exception.Message)")
}

# 3. Report.
$csv = Join-Path $ReportFolder "hybrid-audit-$stamp.csv"
$findings | Select-Object -Property 'Severity', 'Kind', 'Identity', 'Message', @{ n = 'Fix'; e = { @($_.Fix) -join ' ; ' } } |
    Export-Csv -LiteralPath $csv -NoTypeInformation -Encoding UTF8
$critical = @($findings | Where-Object { $_.Severity -eq 'Critical' })

if ($Enrich -and -not $LabPath) {
    # Needs an Exchange Management Shell session in this runbook: add where each mailbox lives.
    foreach ($finding in $critical) {
        $recipient = Get-Recipient -Identity $finding.Identity -ErrorAction SilentlyContinue
        if ($recipient) {
            Add-Member -InputObject $finding -NotePropertyName 'OrganizationalUnit' -NotePropertyValue $recipient.OrganizationalUnit
        }
        $remote = Get-RemoteMailbox -Identity $finding.Identity -ErrorAction SilentlyContinue
        if ($remote) {
            Add-Member -InputObject $finding -NotePropertyName 'RemoteRecipientType' -NotePropertyValue $remote.RemoteRecipientType
        }
    }
}

# 4. Alert.
if (($critical.Count -gt 0 -or $problems.Count -gt 0) -and $AlertTo -and $SmtpServer) {
    $body = "Hybrid audit $stamp`n`n"
    if ($critical.Count -gt 0) {
        $body += "$($critical.Count) critical finding(s):`n" + ($critical | Format-Table -Property 'Severity', 'Kind', 'Identity', 'Message' -AutoSize -Wrap | Out-String -Width 200)
    }
    if ($problems.Count -gt 0) {
        $body += "`nProblems:`n" + ($problems -join "`n")
    }
    $body += "`nFull report: $csv"
    Send-MailMessage -To $AlertTo -From $AlertFrom -Subject "Exchange hybrid audit: $($critical.Count) critical" -Body $body -SmtpServer $SmtpServer
}

Write-Output ("{0} finding(s), {1} critical, {2} problem(s); report {3}" -f $findings.Count, $critical.Count, $problems.Count, $csv)
if ($critical.Count -gt 0 -or $problems.Count -gt 0) { exit 1 }
