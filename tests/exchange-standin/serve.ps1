<#
Serves the Exchange stand-in as a restricted, NoLanguage remoting endpoint on a named pipe, the way
Exchange's /PowerShell endpoint serves Exchange (test support for tests/pwsh_remote.rs, not shipped).

    pwsh -NoProfile -File serve.ps1 -PipeName mbxctl-standin -ReadyFile ready.txt [-StopFile stop]
        [-ServedLog served.txt] [-ErrorLog errors.txt]

-ReadyFile gets this script's process id once the pipe listens; -StopFile ends the script when it
appears; -ServedLog gets the process id of each restricted pwsh it starts; -ErrorLog their stderr.

Clients connect with [System.Management.Automation.Runspaces.NamedPipeConnectionInfo]::new('<PipeName>')
(an exchange-remote profile with "namedPipe": {"pipeName": "<PipeName>"}), then Import-PSSession.

Why a relay: every PowerShell already listens on a pipe named after its process id, but the runspace that
pipe serves is always a default, FullLanguage one (the named-pipe server passes no session configuration;
PowerShell's OutOfProcServerMediator.cs, NamedPipeProcessMediator.Run). The stdio server `pwsh -s` does
honour -ConfigurationFile. So this script listens on a custom pipe and, for each client, starts
`pwsh -s -ConfigurationFile standin.pssc` and copies bytes both ways: the client speaks PSRP to a runspace
made from a session configuration file like Exchange's endpoint:

- SessionType RestrictedRemoteServer and LanguageMode NoLanguage: script text is refused ("The syntax is
  not supported by this runspace ... no-language mode"); only commands with parameters run;
- visible: the stand-in's functions plus the seven commands implicit remoting needs (Get-Command,
  Get-FormatData, Select-Object, Measure-Object, Get-Help, Exit-PSSession, Out-Default); nothing else
  (no Get-Module, no providers, no variables of the caller's choosing).

Several clients may be connected at once (a batch opens one session per worker). The script runs until
it is stopped (or until -StopFile appears); each served pwsh exits when its client disconnects or when
this script ends (its standard input closes).
#>
param(
    [Parameter(Mandatory = $true)] [ValidatePattern('^[A-Za-z0-9._-]{1,100}$')] [string] $PipeName,
    [string] $ReadyFile,
    [string] $StopFile,
    [string] $ErrorLog,
    [string] $ServedLog
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

$here = Split-Path -Parent $MyInvocation.MyCommand.Path
$manifest = Join-Path $here 'ExchangeStandin.psd1'
$exported = (Import-PowerShellDataFile -LiteralPath $manifest).FunctionsToExport
$pwsh = (Get-Process -Id $PID).Path

# The session configuration, written beside nothing the client can reach (a fresh temp folder).
$configDir = Join-Path ([System.IO.Path]::GetTempPath()) ("mbxctl-standin-" + [guid]::NewGuid().ToString('N'))
$null = New-Item -ItemType Directory -Path $configDir
$config = Join-Path $configDir 'standin.pssc'
function ConvertTo-PsscString([string] $Text) { "'" + $Text.Replace("'", "''") + "'" }
$visible = ($exported | ForEach-Object { ConvertTo-PsscString $_ }) -join ', '
Set-Content -LiteralPath $config -Encoding utf8 -Value @"
@{
    SchemaVersion    = '2.0.0.0'
    SessionType      = 'RestrictedRemoteServer'
    LanguageMode     = 'NoLanguage'
    ModulesToImport  = @($(ConvertTo-PsscString $manifest))
    VisibleFunctions = @($visible)
}
"@

function New-StandinPipe {
    # One server instance per client; the pipe admits any number of instances.
    [System.IO.Pipes.NamedPipeServerStream]::new($PipeName, [System.IO.Pipes.PipeDirection]::InOut,
        [System.IO.Pipes.NamedPipeServerStream]::MaxAllowedServerInstances,
        [System.IO.Pipes.PipeTransmissionMode]::Byte, [System.IO.Pipes.PipeOptions]::Asynchronous)
}

function Start-StandinServer {
    # The restricted endpoint for one client: pwsh -s with the session configuration.
    $psi = [System.Diagnostics.ProcessStartInfo]::new($pwsh)
    foreach ($a in @('-s', '-NoLogo', '-NoProfile', '-ConfigurationFile', $config)) { $psi.ArgumentList.Add($a) }
    $psi.UseShellExecute = $false
    $psi.RedirectStandardInput = $true
    $psi.RedirectStandardOutput = $true
    $psi.RedirectStandardError = $true
    [System.Diagnostics.Process]::Start($psi)
}

$sessions = [System.Collections.Generic.List[object]]::new()

function Update-StandinSessions {
    # Ends what is finished: a client gone closes its server's stdin (pwsh -s then exits); a server
    # gone closes the client's pipe.
    foreach ($s in @($sessions)) {
        if ($s.In.IsCompleted -and -not $s.InClosed) {
            try { $s.Process.StandardInput.Close() } catch { }
            $s.InClosed = $true
        }
        if ($s.Process.HasExited -and $s.Out.IsCompleted) {
            if ($ErrorLog -and $s.Err.IsCompleted -and $s.Err.Result) {
                Add-Content -LiteralPath $ErrorLog -Value ("[{0}] {1}" -f $s.Process.Id, $s.Err.Result)
            }
            $s.Pipe.Dispose()
            $s.Process.Dispose()
            $null = $sessions.Remove($s)
        }
    }
}

try {
    $pipe = New-StandinPipe
    if ($ReadyFile) { Set-Content -LiteralPath $ReadyFile -Value $PID }
    while ($true) {
        $connected = $pipe.WaitForConnectionAsync()
        while (-not $connected.Wait(100)) {
            Update-StandinSessions
            if ($StopFile -and (Test-Path -LiteralPath $StopFile)) { return }
        }
        $server = Start-StandinServer
        # The restricted processes' ids: the tests check every stand-in call came from one of them.
        if ($ServedLog) { Add-Content -LiteralPath $ServedLog -Value $server.Id }
        $sessions.Add([pscustomobject]@{
                Pipe     = $pipe
                Process  = $server
                In       = $pipe.CopyToAsync($server.StandardInput.BaseStream)
                Out      = $server.StandardOutput.BaseStream.CopyToAsync($pipe)
                Err      = $server.StandardError.ReadToEndAsync()
                InClosed = $false
            })
        $pipe = New-StandinPipe
    }
} finally {
    foreach ($s in @($sessions)) {
        try { $s.Process.StandardInput.Close() } catch { }
        try { if (-not $s.Process.WaitForExit(5000)) { $s.Process.Kill() } } catch { }
    }
    Remove-Item -LiteralPath $configDir -Recurse -Force -ErrorAction SilentlyContinue
}
