<#
MbxCtl: mbxctl as PowerShell cmdlets for Exchange administrators and runbooks.

The module is a thin layer over the mbxctl binary and its versioned JSON contract
(docs/json-output.md, schema_version 1). It starts the binary, reads its JSON, and turns it
into typed objects, warnings and ErrorRecords that behave as admins expect from Exchange's
own cmdlets (-WhatIf, -Confirm, -ErrorAction, -ErrorVariable, $?).

Conventions (tests/module_checks.rs checks them; keep them when editing):
  1. The binary is started in exactly one place, Invoke-MbxCtlProcess, with stdin, stdout and
     stderr redirected. Every call goes through
         Invoke-MbxCtl -Cmdlet $PSCmdlet -Command '<subcommand path>' -Arguments $argv
     where the subcommand path is ONE single-quoted literal ('convert', 'runs show', ...).
  2. Every --flag given to the binary is a single-quoted literal ('--dry-run') in the function
     that calls Invoke-MbxCtl with it, and is valid for every subcommand that function calls.
     Functions that call no subcommand (Get-MbxGlobalArgument, Invoke-MbxCtl) contribute only
     global flags. Values follow their flag; values that come from users and are positional
     follow a '--' literal, so a mailbox named '-x' is never read as a flag.
  3. Variables holding JSON read from mbxctl are named $json<Something>; their properties are
     read with plain member access, one documented key per segment ($jsonDoc.results,
     $jsonCheck.verdict). No methods or .Count on them (use @($jsonDoc.results).Count).
     Documents of a shape the module does not interpret are converted generically
     (ConvertFrom-MbxJsonNode), which reads no key by name.
  4. Windows PowerShell 5.1 syntax only: no ??, ?., ??=, &&, ||, ternary, -Parallel, clean
     blocks, $PSStyle, $IsWindows; no ConvertFrom-Json -AsHashtable/-Depth/-NoEnumerate.
  5. ASCII only (Windows PowerShell 5.1 reads a BOM-less file in the ANSI code page).
  6. Secrets (SecureString passwords) reach the binary only through its standard input, turned
     into bytes at the last moment in Write-MbxSecretLine and wiped in a finally block.
#>

Set-StrictMode -Version 1.0

# The JSON schema this module reads. A binary that writes another version is refused with a
# message naming the pair to install.
$script:SupportedSchemaVersion = 1
$script:ModuleVersion = '0.1.0'
# Binaries whose schema version has been checked: path|last-write-time -> $true.
$script:CheckedBinaries = @{}

# mbxctl exit codes (README "Exit codes").
$script:ExitCode = @{
    Done     = 0
    Failed   = 1
    Usage    = 2
    Blocked  = 3
    Partial  = 4
    Session  = 5
    Critical = 6
}

# Blocking pre-flight check id -> FullyQualifiedErrorId and ErrorCategory.
$script:CheckErrorMap = @{
    'exists'              = @('MbxCtl.NotFound', 'ObjectNotFound')
    'access'              = @('MbxCtl.AccessDenied', 'PermissionDenied')
    'read'                = @('MbxCtl.AccessDenied', 'PermissionDenied')
    'reset-password-role' = @('MbxCtl.AccessDenied', 'PermissionDenied')
    'type'                = @('MbxCtl.UnsupportedConversion', 'InvalidOperation')
    'linked'              = @('MbxCtl.UnsupportedConversion', 'InvalidOperation')
    'target'              = @('MbxCtl.PreflightBlocked', 'InvalidArgument')
    'size'                = @('MbxCtl.PreflightBlocked', 'LimitsExceeded')
    'holds'               = @('MbxCtl.PreflightBlocked', 'InvalidOperation')
    'archive'             = @('MbxCtl.PreflightBlocked', 'InvalidOperation')
    'licence'             = @('MbxCtl.PreflightBlocked', 'InvalidOperation')
    'password'            = @('MbxCtl.PreflightBlocked', 'InvalidArgument')
    'trustees'            = @('MbxCtl.PreflightBlocked', 'ObjectNotFound')
    'route'               = @('MbxCtl.PreflightBlocked', 'InvalidOperation')
    'version'             = @('MbxCtl.PreflightBlocked', 'NotImplemented')
    'provision-mailbox'   = @('MbxCtl.ProvisionMailboxRequired', 'InvalidOperation')
    'cloud-session'       = @('MbxCtl.PreflightBlocked', 'ConnectionError')
    'database'            = @('MbxCtl.NotFound', 'ObjectNotFound')
    'user'                = @('MbxCtl.NotFound', 'ObjectNotFound')
}

# Exchange error kind (results[].commands[].errors[].kind) -> FullyQualifiedErrorId and category.
$script:ErrorKindMap = @{
    'not-found'                  = @('MbxCtl.NotFound', 'ObjectNotFound')
    'ambiguous'                  = @('MbxCtl.Ambiguous', 'InvalidArgument')
    'access-denied'              = @('MbxCtl.AccessDenied', 'PermissionDenied')
    'unsupported-conversion'     = @('MbxCtl.UnsupportedConversion', 'InvalidOperation')
    'provision-mailbox-required' = @('MbxCtl.ProvisionMailboxRequired', 'InvalidOperation')
    'throttled'                  = @('MbxCtl.Throttled', 'LimitsExceeded')
    'parameter-not-found'        = @('MbxCtl.CommandNotFound', 'NotImplemented')
    'command-not-found'          = @('MbxCtl.CommandNotFound', 'NotImplemented')
}

# Batch input problem code (summary problems[].code) of a skipped row -> FullyQualifiedErrorId
# and category; other codes are MbxCtl.InvalidRow.
$script:ProblemErrorMap = @{
    'unknown-mailbox'    = @('MbxCtl.NotFound', 'ObjectNotFound')
    'ambiguous-identity' = @('MbxCtl.Ambiguous', 'InvalidArgument')
}

# Exception type for each ErrorCategory used above; the rest use InvalidOperationException.
$script:CategoryException = @{
    'ObjectNotFound'   = 'System.Management.Automation.ItemNotFoundException'
    'PermissionDenied' = 'System.UnauthorizedAccessException'
    'InvalidArgument'  = 'System.ArgumentException'
    'ConnectionError'  = 'System.InvalidOperationException'
    'LimitsExceeded'   = 'System.InvalidOperationException'
}

#region Errors

function New-MbxErrorRecord {
    # Builds an ErrorRecord with a stable FullyQualifiedErrorId and the reason from mbxctl.
    [CmdletBinding()]
    param(
        [Parameter(Mandatory = $true)] [string] $Message,
        [Parameter(Mandatory = $true)] [string] $ErrorId,
        [System.Management.Automation.ErrorCategory] $Category = 'NotSpecified',
        [AllowNull()] [object] $TargetObject,
        [string] $RecommendedAction
    )
    $typeName = $script:CategoryException[[string]$Category]
    if (-not $typeName) { $typeName = 'System.InvalidOperationException' }
    $exception = New-Object -TypeName $typeName -ArgumentList $Message
    $record = New-Object System.Management.Automation.ErrorRecord($exception, $ErrorId, $Category, $TargetObject)
    if ($RecommendedAction) {
        $record.ErrorDetails = New-Object System.Management.Automation.ErrorDetails($Message)
        $record.ErrorDetails.RecommendedAction = $RecommendedAction
    }
    $record
}

function Stop-MbxCommand {
    # Terminating error in the name of the public command.
    param(
        [Parameter(Mandatory = $true)] [System.Management.Automation.PSCmdlet] $Cmdlet,
        [Parameter(Mandatory = $true)] [string] $Message,
        [Parameter(Mandatory = $true)] [string] $ErrorId,
        [System.Management.Automation.ErrorCategory] $Category = 'NotSpecified',
        [AllowNull()] [object] $TargetObject
    )
    $Cmdlet.ThrowTerminatingError((New-MbxErrorRecord -Message $Message -ErrorId $ErrorId -Category $Category -TargetObject $TargetObject))
}

#endregion

#region Finding and starting the binary

function Get-MbxCtlPlatform {
    # The runtime identifier used for bin/<rid>/ (win-x64, linux-arm64, ...) and the file name.
    $onWindows = [System.Environment]::OSVersion.Platform -eq [System.PlatformID]::Win32NT
    $os = 'linux'
    if ($onWindows) {
        $os = 'win'
    } else {
        try {
            if ([System.Runtime.InteropServices.RuntimeInformation]::IsOSPlatform([System.Runtime.InteropServices.OSPlatform]::OSX)) { $os = 'osx' }
        } catch {
            $os = 'linux'
        }
    }
    $arch = $null
    try {
        $arch = [System.Runtime.InteropServices.RuntimeInformation]::OSArchitecture.ToString().ToLowerInvariant()
    } catch {
        $arch = $null
    }
    if (-not $arch) {
        switch ($env:PROCESSOR_ARCHITECTURE) {
            'ARM64' { $arch = 'arm64' }
            'x86' { $arch = 'x86' }
            default { $arch = 'x64' }
        }
    }
    $fileName = 'mbxctl'
    if ($onWindows) { $fileName = 'mbxctl.exe' }
    New-Object PSObject -Property @{ Rid = "$os-$arch"; FileName = $fileName; IsWindows = $onWindows }
}

function Find-MbxCtlBinary {
    # $env:MBXCTL_PATH, then next to the module (bin/<rid>/ or the module folder), then PATH.
    $platform = Get-MbxCtlPlatform
    if ($env:MBXCTL_PATH) {
        return $env:MBXCTL_PATH
    }
    $candidates = @(
        (Join-Path (Join-Path (Join-Path $PSScriptRoot 'bin') $platform.Rid) $platform.FileName),
        (Join-Path $PSScriptRoot $platform.FileName)
    )
    foreach ($candidate in $candidates) {
        if (Test-Path -LiteralPath $candidate -PathType Leaf) { return $candidate }
    }
    $onPath = Get-Command -Name 'mbxctl' -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
    if ($onPath) { return $onPath.Path }
    $null
}

function Resolve-MbxCtlBinary {
    # The binary to run, with its schema version checked once; terminating when there is none.
    param([Parameter(Mandatory = $true)] [System.Management.Automation.PSCmdlet] $Cmdlet)
    $path = Find-MbxCtlBinary
    if (-not $path) {
        $platform = Get-MbxCtlPlatform
        Stop-MbxCommand -Cmdlet $Cmdlet -ErrorId 'MbxCtl.BinaryNotFound' -Category ObjectNotFound -Message (
            "mbxctl was not found. Looked in `$env:MBXCTL_PATH, $PSScriptRoot\bin\$($platform.Rid)\$($platform.FileName), " +
            "$PSScriptRoot\$($platform.FileName) and PATH. Install the packaged module (it carries the binary) or set " +
            "`$env:MBXCTL_PATH to the mbxctl executable.")
    }
    if (-not (Test-Path -LiteralPath $path -PathType Leaf)) {
        Stop-MbxCommand -Cmdlet $Cmdlet -ErrorId 'MbxCtl.BinaryNotFound' -Category ObjectNotFound -TargetObject $path -Message (
            "mbxctl was not found at '$path' (from `$env:MBXCTL_PATH). Fix the variable or remove it to use the binary next to the module.")
    }
    $key = $path + '|' + (Get-Item -LiteralPath $path).LastWriteTimeUtc.Ticks
    if (-not $script:CheckedBinaries.ContainsKey($key)) {
        $script:CheckedBinaries[$key] = $true
        try {
            Assert-MbxCtlSchema -Cmdlet $Cmdlet -Path $path
        } catch {
            $script:CheckedBinaries.Remove($key)
            throw
        }
    }
    $path
}

function ConvertTo-MbxCommandLine {
    # Windows command-line quoting (the rules of CommandLineToArgvW and the MSVC/Rust runtimes),
    # for Windows PowerShell 5.1 where ProcessStartInfo takes one Arguments string. Each argument
    # comes back as exactly itself: backslashes are literal except before a quote, where 2n
    # backslashes + quote become n backslashes + quote, so they are doubled before an embedded
    # quote and before the closing quote.
    param([Parameter(Mandatory = $true)] [AllowEmptyCollection()] [AllowEmptyString()] [string[]] $ArgumentList)
    $quoted = New-Object System.Collections.Generic.List[string]
    foreach ($argument in $ArgumentList) {
        if ($argument.Length -gt 0 -and $argument -notmatch '[\s"]') {
            $quoted.Add($argument)
            continue
        }
        $builder = New-Object System.Text.StringBuilder
        [void]$builder.Append([char]'"')
        $backslashes = 0
        foreach ($ch in $argument.ToCharArray()) {
            if ($ch -eq [char]'\') {
                $backslashes++
                continue
            }
            if ($ch -eq [char]'"') {
                [void]$builder.Append([char]'\', 2 * $backslashes + 1)
            } elseif ($backslashes -gt 0) {
                [void]$builder.Append([char]'\', $backslashes)
            }
            [void]$builder.Append($ch)
            $backslashes = 0
        }
        if ($backslashes -gt 0) { [void]$builder.Append([char]'\', 2 * $backslashes) }
        [void]$builder.Append([char]'"')
        $quoted.Add($builder.ToString())
    }
    $quoted -join ' '
}

function Write-MbxSecretLine {
    # Writes one SecureString as a UTF-8 line to the child's standard input. The plain text
    # exists only as a char[] and a byte[] that are wiped in the finally block, never as a string.
    param(
        [Parameter(Mandatory = $true)] [System.IO.Stream] $Stream,
        [Parameter(Mandatory = $true)] [System.Security.SecureString] $Secret
    )
    $bstr = [IntPtr]::Zero
    $chars = $null
    $bytes = $null
    try {
        $bstr = [System.Runtime.InteropServices.Marshal]::SecureStringToBSTR($Secret)
        $chars = New-Object char[] $Secret.Length
        for ($i = 0; $i -lt $chars.Length; $i++) {
            $chars[$i] = [char]([int][System.Runtime.InteropServices.Marshal]::ReadInt16($bstr, 2 * $i) -band 0xFFFF)
        }
        $bytes = [System.Text.Encoding]::UTF8.GetBytes($chars)
        $Stream.Write($bytes, 0, $bytes.Length)
        $Stream.WriteByte(10)
    } finally {
        if ($null -ne $chars) { [System.Array]::Clear($chars, 0, $chars.Length) }
        if ($null -ne $bytes) { [System.Array]::Clear($bytes, 0, $bytes.Length) }
        if ($bstr -ne [IntPtr]::Zero) { [System.Runtime.InteropServices.Marshal]::ZeroFreeBSTR($bstr) }
    }
}

function Test-MbxSecretLine {
    # A password must be one non-empty line: the binary reads one line per mailbox.
    param([Parameter(Mandatory = $true)] [System.Security.SecureString] $Secret)
    if ($Secret.Length -eq 0) { return $false }
    $bstr = [IntPtr]::Zero
    try {
        $bstr = [System.Runtime.InteropServices.Marshal]::SecureStringToBSTR($Secret)
        for ($i = 0; $i -lt $Secret.Length; $i++) {
            $code = [int][System.Runtime.InteropServices.Marshal]::ReadInt16($bstr, 2 * $i)
            if ($code -eq 10 -or $code -eq 13) { return $false }
        }
        return $true
    } finally {
        if ($bstr -ne [IntPtr]::Zero) { [System.Runtime.InteropServices.Marshal]::ZeroFreeBSTR($bstr) }
    }
}

function Invoke-MbxCtlProcess {
    # The ONLY place the binary is started. Writes standard input (text, then secrets, one per
    # line), streams standard output line by line to the pipeline, drains standard error
    # asynchronously (so neither pipe can fill and deadlock), and leaves the exit code and the
    # error text in $State. A stopped pipeline (Select-Object -First, Ctrl+C) kills the child.
    [CmdletBinding()]
    param(
        [Parameter(Mandatory = $true)] [string] $FilePath,
        [Parameter(Mandatory = $true)] [AllowEmptyCollection()] [string[]] $ArgumentList,
        [Parameter(Mandatory = $true)] [string] $WorkingDirectory,
        [Parameter(Mandatory = $true)] [hashtable] $State,
        [AllowNull()] [string] $StdinText,
        [AllowNull()] [System.Security.SecureString[]] $StdinSecret
    )
    $utf8 = New-Object System.Text.UTF8Encoding($false)
    $startInfo = New-Object System.Diagnostics.ProcessStartInfo
    $startInfo.FileName = $FilePath
    $startInfo.UseShellExecute = $false
    $startInfo.CreateNoWindow = $true
    $startInfo.RedirectStandardInput = $true
    $startInfo.RedirectStandardOutput = $true
    $startInfo.RedirectStandardError = $true
    $startInfo.StandardOutputEncoding = $utf8
    $startInfo.StandardErrorEncoding = $utf8
    $startInfo.WorkingDirectory = $WorkingDirectory
    if ($null -ne [System.Diagnostics.ProcessStartInfo].GetProperty('ArgumentList')) {
        foreach ($argument in $ArgumentList) { $startInfo.ArgumentList.Add($argument) }
    } else {
        $startInfo.Arguments = ConvertTo-MbxCommandLine -ArgumentList $ArgumentList
    }

    $process = New-Object System.Diagnostics.Process
    $process.StartInfo = $startInfo
    [void]$process.Start()
    try {
        $stderrTask = $process.StandardError.ReadToEndAsync()
        $stdin = $process.StandardInput.BaseStream
        try {
            if ($StdinText) {
                $bytes = $utf8.GetBytes($StdinText)
                $stdin.Write($bytes, 0, $bytes.Length)
            }
            foreach ($secret in @($StdinSecret)) {
                if ($null -ne $secret) { Write-MbxSecretLine -Stream $stdin -Secret $secret }
            }
            $stdin.Flush()
        } catch [System.IO.IOException] {
            # The child exited without reading its input (a usage error, say); its output says why.
            Write-Verbose "mbxctl did not read its standard input: $($_.Exception.Message)"
        } finally {
            try { $process.StandardInput.Close() } catch [System.IO.IOException] { Write-Verbose 'mbxctl closed its standard input first' }
        }
        while ($null -ne ($line = $process.StandardOutput.ReadLine())) {
            $line
        }
        $process.WaitForExit()
        $State.ExitCode = $process.ExitCode
        $State.StdErr = $stderrTask.Result
    } finally {
        if (-not $process.HasExited) {
            try { $process.Kill() } catch [System.InvalidOperationException] { Write-Verbose 'mbxctl had already exited' }
        }
        $process.Dispose()
    }
}

function Get-MbxWorkingDirectory {
    # The caller's current file-system location: relative paths mean what they mean in the prompt.
    param([Parameter(Mandatory = $true)] [System.Management.Automation.PSCmdlet] $Cmdlet)
    $location = $Cmdlet.SessionState.Path.CurrentFileSystemLocation
    if ($location) { return $location.ProviderPath }
    [System.Environment]::CurrentDirectory
}

function Invoke-MbxCtl {
    # Runs one mbxctl subcommand with --json and streams the JSON documents it prints, each
    # checked for schema_version. Error documents become terminating errors (usage, session)
    # or non-terminating ones (failed); a run that prints no JSON is a terminating error with
    # mbxctl's own message. $State (optional) receives ExitCode and StdErr.
    param(
        [Parameter(Mandatory = $true)] [System.Management.Automation.PSCmdlet] $Cmdlet,
        [Parameter(Mandatory = $true)] [string] $Command,
        [AllowEmptyCollection()] [string[]] $Arguments = @(),
        [AllowEmptyCollection()] [string[]] $GlobalArguments = @(),
        [AllowNull()] [string] $StdinText,
        [AllowNull()] [System.Security.SecureString[]] $StdinSecret,
        [AllowNull()] [object] $TargetObject,
        [hashtable] $State = @{},
        [switch] $SkipBinaryCheck
    )
    if ($SkipBinaryCheck) { $path = Find-MbxCtlBinary } else { $path = Resolve-MbxCtlBinary -Cmdlet $Cmdlet }
    $argv = New-Object System.Collections.Generic.List[string]
    foreach ($a in $GlobalArguments) { $argv.Add($a) }
    foreach ($a in ($Command -split ' ')) { $argv.Add($a) }
    $argv.Add('--json')
    foreach ($a in $Arguments) { $argv.Add($a) }
    Write-Verbose ("mbxctl " + ($argv -join ' '))

    $buffer = New-Object System.Text.StringBuilder
    $sawDocument = $false
    try {
        Invoke-MbxCtlProcess -FilePath $path -ArgumentList $argv.ToArray() -WorkingDirectory (Get-MbxWorkingDirectory -Cmdlet $Cmdlet) `
            -State $State -StdinText $StdinText -StdinSecret $StdinSecret | ForEach-Object {
            $line = [string]$_
            if ($buffer.Length -eq 0 -and $line.Trim().Length -eq 0) { return }
            [void]$buffer.AppendLine($line)
            $trimmed = $line.TrimEnd()
            # A document ends on a top-level closing bracket (pretty JSON) or is one whole line (JSON Lines).
            $whole = $trimmed.Trim()
            $oneLine = $buffer.Length -eq $line.Length + [System.Environment]::NewLine.Length -and
                ($whole.StartsWith('{') -or $whole.StartsWith('[')) -and ($whole.EndsWith('}') -or $whole.EndsWith(']'))
            $complete = $trimmed -eq '}' -or $trimmed -eq ']' -or $oneLine
            if (-not $complete) { return }
            $parsed = $null
            try {
                $parsed = $buffer.ToString() | ConvertFrom-Json
            } catch {
                if ($trimmed -eq '}' -or $trimmed -eq ']') {
                    Stop-MbxCommand -Cmdlet $Cmdlet -ErrorId 'MbxCtl.InvalidOutput' -Category InvalidResult -TargetObject $TargetObject -Message (
                        "mbxctl printed output that is not JSON ($($_.Exception.Message)): $($buffer.ToString())")
                }
                return
            }
            [void]$buffer.Clear()
            $sawDocument = $true
            foreach ($jsonDoc in @($parsed)) {
                Read-MbxDocument -Cmdlet $Cmdlet -JsonDoc $jsonDoc -TargetObject $TargetObject
            }
        }
    } catch [System.ComponentModel.Win32Exception] {
        Stop-MbxCommand -Cmdlet $Cmdlet -ErrorId 'MbxCtl.BinaryNotStartable' -Category ResourceUnavailable -TargetObject $path -Message (
            "mbxctl at '$path' could not be started: $($_.Exception.Message)")
    }
    if ($buffer.ToString().Trim().Length -gt 0) {
        Stop-MbxCommand -Cmdlet $Cmdlet -ErrorId 'MbxCtl.InvalidOutput' -Category InvalidResult -TargetObject $TargetObject -Message (
            "mbxctl printed output that is not JSON: $($buffer.ToString())")
    }
    $stderr = [string]$State.StdErr
    if ($stderr.Trim().Length -gt 0) {
        foreach ($errLine in ($stderr -split "`r?`n")) {
            if ($errLine.Trim().Length -gt 0) { Write-Verbose "mbxctl: $errLine" }
        }
    }
    if (-not $sawDocument -and $State.ExitCode -ne 0) {
        $reason = $stderr.Trim()
        if (-not $reason) { $reason = "exit code $($State.ExitCode)" }
        if ($State.ExitCode -eq $script:ExitCode.Usage) {
            Stop-MbxCommand -Cmdlet $Cmdlet -ErrorId 'MbxCtl.UsageError' -Category InvalidArgument -TargetObject $TargetObject -Message $reason
        }
        Stop-MbxCommand -Cmdlet $Cmdlet -ErrorId 'MbxCtl.Failed' -Category NotSpecified -TargetObject $TargetObject -Message (
            "mbxctl exited with code $($State.ExitCode) and printed no JSON: $reason")
    }
}

function Read-MbxDocument {
    # Checks one document's schema_version and turns error documents into errors; passes the
    # rest on.
    param(
        [Parameter(Mandatory = $true)] [System.Management.Automation.PSCmdlet] $Cmdlet,
        [Parameter(Mandatory = $true)] [AllowNull()] [object] $JsonDoc,
        [AllowNull()] [object] $TargetObject
    )
    if ($null -eq $JsonDoc) { return }
    $jsonDoc = $JsonDoc
    if ($jsonDoc -isnot [System.Management.Automation.PSCustomObject]) {
        $jsonDoc
        return
    }
    if ($null -ne $jsonDoc.schema_version -and $jsonDoc.schema_version -ne $script:SupportedSchemaVersion) {
        Stop-MbxCommand -Cmdlet $Cmdlet -ErrorId 'MbxCtl.SchemaMismatch' -Category InvalidResult -TargetObject $jsonDoc.schema_version -Message (
            "mbxctl writes JSON schema version $($jsonDoc.schema_version), but MbxCtl $($script:ModuleVersion) reads schema version " +
            "$($script:SupportedSchemaVersion). Install the MbxCtl module released with this mbxctl (the packaged module carries " +
            "its own binary), or point `$env:MBXCTL_PATH at an mbxctl that writes schema $($script:SupportedSchemaVersion).")
    }
    if ($null -ne $jsonDoc.error -and $null -ne $jsonDoc.kind -and $null -ne $jsonDoc.exit_code -and $null -eq $jsonDoc.command) {
        $message = [string]$jsonDoc.error
        switch ([string]$jsonDoc.kind) {
            'usage' {
                Stop-MbxCommand -Cmdlet $Cmdlet -ErrorId 'MbxCtl.UsageError' -Category InvalidArgument -TargetObject $TargetObject -Message $message
            }
            'session' {
                Stop-MbxCommand -Cmdlet $Cmdlet -ErrorId 'MbxCtl.SessionFailed' -Category ConnectionError -TargetObject $TargetObject -Message $message
            }
            default {
                $Cmdlet.WriteError((New-MbxErrorRecord -Message $message -ErrorId 'MbxCtl.Failed' -Category NotSpecified -TargetObject $TargetObject))
            }
        }
        return
    }
    $jsonDoc
}

function Assert-MbxCtlSchema {
    # Asks the binary for a small document (validating an empty script) and checks its schema
    # version before anything else runs, so a mismatched pair fails before changing anything.
    param(
        [Parameter(Mandatory = $true)] [System.Management.Automation.PSCmdlet] $Cmdlet,
        [Parameter(Mandatory = $true)] [string] $Path
    )
    $state = @{}
    $docs = @(Invoke-MbxCtl -Cmdlet $Cmdlet -Command 'validate' -Arguments @('--', '-') -StdinText '' -State $state -SkipBinaryCheck)
    foreach ($jsonDoc in $docs) {
        if ($null -eq $jsonDoc.schema_version) {
            Stop-MbxCommand -Cmdlet $Cmdlet -ErrorId 'MbxCtl.SchemaMismatch' -Category InvalidResult -TargetObject $Path -Message (
                "mbxctl at '$Path' does not report a JSON schema version; MbxCtl $($script:ModuleVersion) needs an mbxctl that writes " +
                "schema version $($script:SupportedSchemaVersion).")
        }
    }
}

function Get-MbxGlobalArgument {
    # The connection flags every session-opening command shares (clap global arguments).
    param(
        [Parameter(Mandatory = $true)] [System.Management.Automation.PSCmdlet] $Cmdlet,
        [Parameter(Mandatory = $true)] [System.Collections.IDictionary] $Bound
    )
    $argv = New-Object System.Collections.Generic.List[string]
    if ($Bound.ContainsKey('LabPath') -and $Bound['LabPath']) {
        $argv.Add('--lab-dir')
        $argv.Add($Cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath([string]$Bound['LabPath']))
    } elseif ($Bound.ContainsKey('Lab') -and $Bound['Lab']) {
        $argv.Add('--lab')
    }
    if ($Bound.ContainsKey('Profile') -and $Bound['Profile']) {
        $argv.Add('--profile')
        $argv.Add([string]$Bound['Profile'])
    }
    if ($Bound.ContainsKey('CloudProfile') -and $Bound['CloudProfile']) {
        $argv.Add('--cloud-profile')
        $argv.Add([string]$Bound['CloudProfile'])
    }
    , $argv.ToArray()
}

#endregion

#region Objects

function ConvertTo-MbxPascalName {
    # snake_case and kebab-case to PascalCase; PascalCase stays.
    param([Parameter(Mandatory = $true)] [string] $Name)
    $parts = $Name -split '[_-]'
    $out = New-Object System.Text.StringBuilder
    foreach ($part in $parts) {
        if ($part.Length -gt 0) {
            [void]$out.Append($part.Substring(0, 1).ToUpperInvariant())
            [void]$out.Append($part.Substring(1))
        }
    }
    $out.ToString().Replace('Powershell', 'PowerShell')
}

function ConvertFrom-MbxJsonNode {
    # Generic conversion for documents the module passes through: PascalCase property names,
    # nested objects and arrays converted too, an optional PSTypeName on the top object.
    param(
        [AllowNull()] [object] $Node,
        [string] $TypeName
    )
    if ($null -eq $Node) { return $null }
    if ($Node -is [System.Array]) {
        $items = New-Object System.Collections.Generic.List[object]
        foreach ($element in $Node) { $items.Add((ConvertFrom-MbxJsonNode -Node $element)) }
        return , $items.ToArray()
    }
    if ($Node -isnot [System.Management.Automation.PSCustomObject]) { return $Node }
    $properties = [ordered]@{}
    if ($TypeName) { $properties['PSTypeName'] = $TypeName }
    foreach ($property in $Node.PSObject.Properties) {
        # The envelope's schema_version and exit_code say nothing about the object itself.
        if ($TypeName -and ($property.Name -eq 'schema_version' -or $property.Name -eq 'exit_code')) { continue }
        $properties[(ConvertTo-MbxPascalName -Name $property.Name)] = ConvertFrom-MbxJsonNode -Node $property.Value
    }
    [pscustomobject]$properties
}

function ConvertTo-MbxTitleCase {
    # 'nothing-to-do' -> 'NothingToDo', 'block' -> 'Block' (values read like .NET enum names).
    param([AllowNull()] [string] $Value)
    if (-not $Value) { return $Value }
    ConvertTo-MbxPascalName -Name $Value
}

function ConvertTo-MbxMailboxState {
    param([Parameter(Mandatory = $true)] [object] $JsonState)
    $jsonState = $JsonState
    $size = $null
    if ($null -ne $jsonState.TotalItemSize) { $size = [long]$jsonState.TotalItemSize }
    [pscustomobject]@{
        PSTypeName           = 'MbxCtl.MailboxState'
        Identity             = $jsonState.Identity
        PrimarySmtpAddress   = $jsonState.PrimarySmtpAddress
        RecipientTypeDetails = $jsonState.RecipientTypeDetails
        AccountDisabled      = $jsonState.AccountDisabled
        TotalItemSize        = $size
        Side                 = $jsonState.Side
    }
}

function ConvertTo-MbxPreflightCheck {
    param(
        [Parameter(Mandatory = $true)] [object] $JsonCheck,
        [string] $Identity,
        [string] $To
    )
    $jsonCheck = $JsonCheck
    [pscustomobject]@{
        PSTypeName = 'MbxCtl.PreflightCheck'
        Identity   = $Identity
        To         = $To
        Check      = [string]$jsonCheck.id
        Verdict    = ConvertTo-MbxTitleCase -Value ([string]$jsonCheck.verdict)
        Message    = [string]$jsonCheck.message
        Source     = [string]$jsonCheck.source
    }
}

function Get-MbxKindName {
    # A warning or error kind: a string ("access-denied") as docs/json-output.md documents it, or
    # the same string wrapped as {"kind": "access-denied"}, which some builds write.
    param([AllowNull()] [object] $JsonKind)
    $jsonKind = $JsonKind
    if ($jsonKind -is [System.Management.Automation.PSCustomObject]) { return [string]$jsonKind.kind }
    [string]$jsonKind
}

function ConvertTo-MbxCommandRecord {
    param([Parameter(Mandatory = $true)] [object] $JsonCommand)
    $jsonCommand = $JsonCommand
    $warnings = @(foreach ($jsonWarning in @($jsonCommand.warnings)) {
            if ($null -ne $jsonWarning) { [pscustomobject]@{ Kind = Get-MbxKindName -JsonKind $jsonWarning.kind; Message = [string]$jsonWarning.message } }
        })
    $errors = @(foreach ($jsonError in @($jsonCommand.errors)) {
            if ($null -ne $jsonError) {
                [pscustomobject]@{
                    Kind                  = Get-MbxKindName -JsonKind $jsonError.kind
                    Message               = [string]$jsonError.message
                    FullyQualifiedErrorId = [string]$jsonError.fully_qualified_error_id
                }
            }
        })
    [pscustomobject]@{
        PSTypeName = 'MbxCtl.PlannedCommand'
        Side       = [string]$jsonCommand.side
        Text       = [string]$jsonCommand.text
        Status     = ConvertTo-MbxTitleCase -Value ([string]$jsonCommand.status)
        Warnings   = $warnings
        Errors     = $errors
    }
}

function ConvertTo-MbxConversionResult {
    # One results[] entry (or one batch "item" line) as MbxCtl.ConversionResult, with the
    # mailbox's current state under Exchange's property names.
    param(
        [Parameter(Mandatory = $true)] [object] $JsonResult,
        [AllowNull()] [object] $JsonTarget,
        [AllowNull()] [string] $RunId
    )
    $jsonResult = $JsonResult
    $requested = [string]$jsonResult.identity
    $to = [string]$jsonResult.to
    $before = @(foreach ($jsonState in @($jsonResult.before)) { if ($null -ne $jsonState) { ConvertTo-MbxMailboxState -JsonState $jsonState } })
    $after = @(foreach ($jsonState in @($jsonResult.after)) { if ($null -ne $jsonState) { ConvertTo-MbxMailboxState -JsonState $jsonState } })
    $now = $after
    if ($now.Count -eq 0) { $now = $before }
    # The on-premises object is the one admins look at first; the cloud one is in Before/After.
    $primary = $null
    foreach ($state in $now) { if ($state.Side -eq 'onpremises') { $primary = $state; break } }
    if ($null -eq $primary -and $now.Count -gt 0) { $primary = $now[0] }
    $alternative = @(foreach ($jsonStep in @($jsonResult.alternative)) {
            if ($null -ne $jsonStep) {
                [pscustomobject]@{ Where = [string]$jsonStep.where; Description = [string]$jsonStep.description; Command = $jsonStep.command }
            }
        })
    if (-not $RunId -and $null -ne $jsonResult.run_id) { $RunId = [string]$jsonResult.run_id }
    $targetKind = $null
    if ($null -ne $JsonTarget) {
        $jsonTarget = $JsonTarget
        $targetKind = [string]$jsonTarget.kind
    }
    $identity = $requested
    if ($primary -and $primary.Identity) { $identity = [string]$primary.Identity }
    $properties = [ordered]@{
        PSTypeName           = 'MbxCtl.ConversionResult'
        Identity             = $identity
        RequestedIdentity    = $requested
        To                   = $to
        Status               = ConvertTo-MbxTitleCase -Value ([string]$jsonResult.status)
        PrimarySmtpAddress   = $null
        RecipientTypeDetails = $null
        AccountDisabled      = $null
        TotalItemSize        = $null
        Checks               = @(foreach ($jsonCheck in @($jsonResult.checks)) { if ($null -ne $jsonCheck) { ConvertTo-MbxPreflightCheck -JsonCheck $jsonCheck -Identity $requested -To $to } })
        Commands             = @(foreach ($jsonCommand in @($jsonResult.commands)) { if ($null -ne $jsonCommand) { ConvertTo-MbxCommandRecord -JsonCommand $jsonCommand } })
        Before               = $before
        After                = $after
        NextSteps            = @(foreach ($step in @($jsonResult.next_steps)) { if ($null -ne $step) { [string]$step } })
        Alternative          = $alternative
        Error                = $jsonResult.error
        RunId                = $RunId
        Target               = $targetKind
    }
    if ($primary) {
        $properties.PrimarySmtpAddress = $primary.PrimarySmtpAddress
        $properties.RecipientTypeDetails = $primary.RecipientTypeDetails
        $properties.AccountDisabled = $primary.AccountDisabled
        $properties.TotalItemSize = $primary.TotalItemSize
    }
    [pscustomobject]$properties
}

function New-MbxConversionError {
    # The ErrorRecord for a blocked, failed or partly done mailbox: FullyQualifiedErrorId from
    # the blocking check or the Exchange error kind, the identity as TargetObject, mbxctl's reason.
    param([Parameter(Mandatory = $true)] [object] $Result)
    $id = 'MbxCtl.ConversionFailed'
    $category = 'NotSpecified'
    $reasons = New-Object System.Collections.Generic.List[string]
    switch ($Result.Status) {
        'Skipped' {
            $id = 'MbxCtl.InvalidRow'
            $category = 'InvalidArgument'
            if ($script:ProblemErrorMap.ContainsKey([string]$Result.ProblemCode)) {
                $id = $script:ProblemErrorMap[[string]$Result.ProblemCode][0]
                $category = $script:ProblemErrorMap[[string]$Result.ProblemCode][1]
            }
        }
        'Blocked' {
            $id = 'MbxCtl.PreflightBlocked'
            $category = 'InvalidOperation'
            $first = $true
            foreach ($check in $Result.Checks) {
                if ($check.Verdict -ne 'Block') { continue }
                $reasons.Add("$($check.Check): $($check.Message)")
                if ($first -and $script:CheckErrorMap.ContainsKey($check.Check)) {
                    $id = $script:CheckErrorMap[$check.Check][0]
                    $category = $script:CheckErrorMap[$check.Check][1]
                }
                $first = $false
            }
        }
        'Partial' {
            $id = 'MbxCtl.ConversionPartial'
            $category = 'InvalidResult'
        }
        default {
            $category = 'InvalidResult'
        }
    }
    if ($Result.Status -ne 'Blocked') {
        $mapped = $false
        foreach ($command in $Result.Commands) {
            foreach ($commandError in $command.Errors) {
                $reasons.Add($commandError.Message)
                if (-not $mapped -and $Result.Status -eq 'Failed' -and $script:ErrorKindMap.ContainsKey($commandError.Kind)) {
                    $id = $script:ErrorKindMap[$commandError.Kind][0]
                    $category = $script:ErrorKindMap[$commandError.Kind][1]
                    $mapped = $true
                }
            }
        }
    }
    $message = $Result.Error
    if (-not $message) {
        $verb = 'failed'
        if ($Result.Status -eq 'Blocked') { $verb = 'was blocked by pre-flight (nothing was changed)' }
        if ($Result.Status -eq 'Partial') { $verb = 'is partly done' }
        $message = "Converting '$($Result.RequestedIdentity)' to $($Result.To) $verb"
        if ($reasons.Count -gt 0) { $message += ': ' + ($reasons -join '; ') }
    }
    $advice = @($Result.Alternative | ForEach-Object { "$($_.Description) $($_.Command)".Trim() }) + @($Result.NextSteps)
    New-MbxErrorRecord -Message $message -ErrorId $id -Category $category -TargetObject $Result.RequestedIdentity -RecommendedAction (($advice | Where-Object { $_ }) -join ' ')
}

function Format-MbxPlan {
    # The text -WhatIf shows: checks and the exact commands mbxctl would run.
    param([Parameter(Mandatory = $true)] [object] $Result)
    $lines = New-Object System.Collections.Generic.List[string]
    $where = ''
    if ($Result.Target -eq 'lab') { $where = ' [LAB]' }
    $lines.Add("Convert mailbox '$($Result.RequestedIdentity)' to $($Result.To)$where ($($Result.Status)):")
    foreach ($check in $Result.Checks) {
        $lines.Add(("  {0,-5} {1,-20} {2}" -f ([string]$check.Verdict).ToUpperInvariant(), $check.Check, $check.Message))
    }
    foreach ($command in $Result.Commands) {
        $lines.Add("  would run [$($command.Side)] $($command.Text)")
    }
    foreach ($step in $Result.Alternative) {
        $lines.Add("  supported alternative ($($step.Where)): $($step.Description) $($step.Command)")
    }
    if ($Result.Error) { $lines.Add("  $($Result.Error)") }
    $lines -join [System.Environment]::NewLine
}

function Write-MbxConversionOutcome {
    # Output object for converted / nothing to do / planned; Exchange's warnings as warnings;
    # a non-terminating ErrorRecord for blocked, failed and partly done mailboxes.
    param(
        [Parameter(Mandatory = $true)] [System.Management.Automation.PSCmdlet] $Cmdlet,
        [Parameter(Mandatory = $true)] [object] $Result
    )
    foreach ($command in $Result.Commands) {
        foreach ($warning in $command.Warnings) {
            $Cmdlet.WriteWarning("$($Result.RequestedIdentity): $($warning.Message)")
        }
    }
    if ($Result.Status -eq 'Blocked' -or $Result.Status -eq 'Failed' -or $Result.Status -eq 'Partial' -or $Result.Status -eq 'Skipped') {
        $Cmdlet.WriteError((New-MbxConversionError -Result $Result))
    } else {
        foreach ($step in $Result.NextSteps) { Write-Verbose "$($Result.RequestedIdentity): next step: $step" }
        $Cmdlet.WriteObject($Result)
    }
}

function Read-MbxConversionStream {
    # Reads convert/resume/rollback output: one document with results[] or JSON Lines ("item"
    # lines, then a "summary" line with the run id). Emits MbxCtl.ConversionResult objects as
    # they arrive; the run id and summary land in $State.
    param(
        [Parameter(Mandatory = $true)] [AllowNull()] [object] $JsonDoc,
        [Parameter(Mandatory = $true)] [hashtable] $State
    )
    $jsonDoc = $JsonDoc
    if ($null -eq $jsonDoc) { return }
    if ($null -ne $jsonDoc.results) {
        if ($null -ne $jsonDoc.run_id) { $State.RunId = [string]$jsonDoc.run_id }
        $State.Summary = $jsonDoc.summary
        foreach ($jsonResult in @($jsonDoc.results)) {
            ConvertTo-MbxConversionResult -JsonResult $jsonResult -JsonTarget $jsonDoc.target -RunId $State.RunId
        }
        return
    }
    switch ([string]$jsonDoc.type) {
        'item' {
            if ($null -ne $jsonDoc.run_id) { $State.RunId = [string]$jsonDoc.run_id }
            $jsonConvert = $jsonDoc.convert
            if ($null -ne $jsonConvert) {
                # A rollback item: the conversion back is under `convert`; the item's own status
                # and commands (the permission removals) come first.
                $result = ConvertTo-MbxConversionResult -JsonResult $jsonConvert -JsonTarget $jsonDoc.target -RunId $State.RunId
                $result.Status = ConvertTo-MbxTitleCase -Value ([string]$jsonDoc.status)
                $removals = @(foreach ($jsonCommand in @($jsonDoc.commands)) { if ($null -ne $jsonCommand) { ConvertTo-MbxCommandRecord -JsonCommand $jsonCommand } })
                $result.Commands = @($removals) + @($result.Commands)
                if ($null -ne $jsonDoc.error) { $result.Error = $jsonDoc.error }
                return $result
            }
            $result = ConvertTo-MbxConversionResult -JsonResult $jsonDoc -JsonTarget $jsonDoc.target -RunId $State.RunId
            if ($result.Status -eq 'Skipped') {
                # A bad row (unknown or ambiguous mailbox, duplicate): its problem code arrives
                # with the summary, so it is reported then.
                if (-not $State.ContainsKey('Skipped')) { $State.Skipped = New-Object System.Collections.Generic.List[object] }
                Add-Member -InputObject $result -MemberType NoteProperty -Name 'Row' -Value $jsonDoc.row
                Add-Member -InputObject $result -MemberType NoteProperty -Name 'ProblemCode' -Value $null
                if (-not $result.Error) { $result.Error = [string]$jsonDoc.reason }
                $State.Skipped.Add($result)
                return
            }
            $result
        }
        'summary' {
            $State.RunId = [string]$jsonDoc.run_id
            $State.Summary = $jsonDoc.summary
            if ($State.ContainsKey('Skipped')) {
                foreach ($result in $State.Skipped) {
                    foreach ($jsonProblem in @($jsonDoc.problems)) {
                        if ($null -ne $jsonProblem -and $jsonProblem.row -eq $result.Row -and [string]$jsonProblem.severity -eq 'error') {
                            $result.ProblemCode = [string]$jsonProblem.code
                            break
                        }
                    }
                    $result
                }
                $State.Skipped.Clear()
            }
        }
        default {
            ConvertFrom-MbxJsonNode -Node $jsonDoc -TypeName 'MbxCtl.RunEvent'
        }
    }
}

#endregion

#region Conversion requests

function Split-MbxList {
    # Trustee lists as admins write them in CSV cells: split on ; | or line breaks when present,
    # else on commas (the rule mbxctl's batch reader uses). Empty entries are dropped.
    param([AllowNull()] [object[]] $Value)
    foreach ($entry in @($Value)) {
        if ($null -eq $entry) { continue }
        $text = [string]$entry
        $pattern = ','
        if ($text -match '[;|\r\n]') { $pattern = '[;|\r\n]+' }
        foreach ($part in ($text -split $pattern)) {
            $trimmed = $part.Trim()
            if ($trimmed.Length -gt 0) { $trimmed }
        }
    }
}

function ConvertTo-MbxBoolean {
    # AutoMapping from a switch, a bool, a number or a CSV cell ('False', 'no', '0', '$false').
    # A value that is not a Boolean sets $Problem and returns $null: no throw, because an error
    # thrown and caught inside an advanced function still lands in the caller's -ErrorVariable.
    param([AllowNull()] [object] $Value, [Parameter(Mandatory = $true)] [ref] $Problem)
    if ($null -eq $Value) { return $null }
    if ($Value -is [bool]) { return $Value }
    if ($Value -is [System.Management.Automation.SwitchParameter]) { return $Value.IsPresent }
    $text = ([string]$Value).Trim().ToLowerInvariant()
    if ($text.Length -eq 0) { return $null }
    if (@('true', '$true', 'yes', 'y', '1') -contains $text) { return $true }
    if (@('false', '$false', 'no', 'n', '0') -contains $text) { return $false }
    $Problem.Value = "'$Value' is not a Boolean value; use True or False"
    $null
}

function ConvertTo-MbxCsvField {
    param([AllowNull()] [string] $Value)
    if ($null -eq $Value) { $Value = '' }
    '"' + $Value.Replace('"', '""') + '"'
}

function Write-MbxBatchFile {
    # The temporary CSV for `convert --from`: one row per mailbox with its own grants.
    param(
        [Parameter(Mandatory = $true)] [string] $Path,
        [Parameter(Mandatory = $true)] [object[]] $Items
    )
    $lines = New-Object System.Collections.Generic.List[string]
    $lines.Add('Identity,Target,FullAccess,SendAs,SendOnBehalf,AutoMapping,ResetPasswordOnNextLogon')
    foreach ($item in $Items) {
        $autoMapping = ''
        if ($null -ne $item.AutoMapping) { $autoMapping = [string]$item.AutoMapping }
        $reset = ''
        if ($item.To -eq 'Regular' -and $item.ResetPasswordOnNextLogon) { $reset = 'True' }
        $fields = @(
            (ConvertTo-MbxCsvField $item.Identity),
            (ConvertTo-MbxCsvField $item.To),
            (ConvertTo-MbxCsvField (@($item.FullAccess) -join ';')),
            (ConvertTo-MbxCsvField (@($item.SendAs) -join ';')),
            (ConvertTo-MbxCsvField (@($item.SendOnBehalf) -join ';')),
            (ConvertTo-MbxCsvField $autoMapping),
            (ConvertTo-MbxCsvField $reset)
        )
        $lines.Add($fields -join ',')
    }
    [System.IO.File]::WriteAllText($Path, ($lines -join "`r`n") + "`r`n", (New-Object System.Text.UTF8Encoding($false)))
}

function Get-MbxItemKey {
    # Items with the same key can share one `convert` call (same target and options).
    param([Parameter(Mandatory = $true)] [object] $Item)
    @($Item.To, (@($Item.FullAccess) -join ';'), (@($Item.SendAs) -join ';'), (@($Item.SendOnBehalf) -join ';'), [string]$Item.AutoMapping) -join '|'
}

function Invoke-MbxConvert {
    # Runs conversions and emits raw result objects (MbxCtl.ConversionResult). A dry run groups
    # mailboxes that share options into one `convert ID... --dry-run` call (nothing journaled);
    # one mailbox runs as `convert ID`; several run as ONE journaled batch, `convert --from CSV`.
    param(
        [Parameter(Mandatory = $true)] [System.Management.Automation.PSCmdlet] $Cmdlet,
        [Parameter(Mandatory = $true)] [object[]] $Items,
        [Parameter(Mandatory = $true)] [AllowEmptyCollection()] [string[]] $GlobalArguments,
        [AllowNull()] [System.Security.SecureString] $Password,
        [switch] $CopySentItems,
        [switch] $DryRun,
        [int] $Sessions,
        [Parameter(Mandatory = $true)] [hashtable] $State
    )
    if ($DryRun -or $Items.Count -eq 1) {
        $groups = [ordered]@{}
        foreach ($item in $Items) {
            $key = Get-MbxItemKey -Item $item
            if (-not $groups.Contains($key)) { $groups[$key] = New-Object System.Collections.Generic.List[object] }
            $groups[$key].Add($item)
        }
        foreach ($group in $groups.Values) {
            $first = $group[0]
            $argv = New-Object System.Collections.Generic.List[string]
            $argv.Add('--to')
            $argv.Add($first.To.ToLowerInvariant())
            if ($DryRun) { $argv.Add('--dry-run') }
            foreach ($user in $first.FullAccess) { $argv.Add('--full-access'); $argv.Add($user) }
            foreach ($user in $first.SendAs) { $argv.Add('--send-as'); $argv.Add($user) }
            foreach ($user in $first.SendOnBehalf) { $argv.Add('--send-on-behalf'); $argv.Add($user) }
            # AutoMapping only qualifies Full Access grants; without them it means nothing (the batch
            # reader ignores it too), and the binary refuses --auto-mapping alone.
            if ($null -ne $first.AutoMapping -and @($first.FullAccess).Count -gt 0) {
                $argv.Add('--auto-mapping')
                $argv.Add(([string]$first.AutoMapping).ToLowerInvariant())
            }
            if ($CopySentItems) { $argv.Add('--copy-sent-items') }
            $secrets = $null
            if ($first.To -eq 'Regular') {
                if ($first.ResetPasswordOnNextLogon) { $argv.Add('--reset-password-on-next-logon') }
                if ($null -ne $Password) {
                    $argv.Add('--password-stdin')
                    $secrets = @(foreach ($item in $group) { $Password })
                }
            }
            $argv.Add('--')
            foreach ($item in $group) { $argv.Add($item.Identity) }
            Invoke-MbxCtl -Cmdlet $Cmdlet -Command 'convert' -Arguments $argv.ToArray() -GlobalArguments $GlobalArguments `
                -StdinSecret $secrets -TargetObject (@($group | ForEach-Object { $_.Identity }) -join ', ') -State $State |
                ForEach-Object { Read-MbxConversionStream -JsonDoc $_ -State $State }
        }
        return
    }

    $csv = Join-Path ([System.IO.Path]::GetTempPath()) ('mbxctl-batch-{0}.csv' -f [guid]::NewGuid().ToString('N'))
    try {
        Write-MbxBatchFile -Path $csv -Items $Items
        $argv = New-Object System.Collections.Generic.List[string]
        $argv.Add('--from')
        $argv.Add($csv)
        $targets = @($Items | ForEach-Object { $_.To } | Select-Object -Unique)
        if ($targets.Count -eq 1) {
            $argv.Add('--to')
            $argv.Add(([string]$targets[0]).ToLowerInvariant())
        }
        if ($CopySentItems) { $argv.Add('--copy-sent-items') }
        if ($Sessions -gt 0) {
            $argv.Add('--sessions')
            $argv.Add([string]$Sessions)
        }
        $secrets = $null
        $regular = @($Items | Where-Object { $_.To -eq 'Regular' })
        if ($null -ne $Password -and $regular.Count -gt 0) {
            $argv.Add('--password-stdin')
            $secrets = @(foreach ($item in $regular) { $Password })
        }
        Invoke-MbxCtl -Cmdlet $Cmdlet -Command 'convert' -Arguments $argv.ToArray() -GlobalArguments $GlobalArguments `
            -StdinSecret $secrets -TargetObject $csv -State $State |
            ForEach-Object { Read-MbxConversionStream -JsonDoc $_ -State $State }
    } finally {
        Remove-Item -LiteralPath $csv -Force -ErrorAction SilentlyContinue
    }
}

function New-MbxConversionItem {
    # One mailbox request from the current pipeline record; trustee cells split as the batch
    # reader does. When AutoMapping is not a Boolean, sets $Problem and returns nothing.
    param(
        [Parameter(Mandatory = $true)] [ref] $Problem,
        [Parameter(Mandatory = $true)] [string] $Identity,
        [Parameter(Mandatory = $true)] [string] $To,
        [AllowNull()] [object[]] $FullAccess,
        [AllowNull()] [object[]] $SendAs,
        [AllowNull()] [object[]] $SendOnBehalf,
        [AllowNull()] [object] $AutoMapping,
        [switch] $ResetPasswordOnNextLogon
    )
    $target = 'Shared'
    if ($To -eq 'Regular') { $target = 'Regular' }
    $autoMappingValue = ConvertTo-MbxBoolean -Value $AutoMapping -Problem $Problem
    if ($Problem.Value) { return }
    [pscustomobject]@{
        Identity                 = $Identity.Trim()
        To                       = $target
        FullAccess               = @(Split-MbxList -Value $FullAccess)
        SendAs                   = @(Split-MbxList -Value $SendAs)
        SendOnBehalf             = @(Split-MbxList -Value $SendOnBehalf)
        AutoMapping              = $autoMappingValue
        ResetPasswordOnNextLogon = [bool]$ResetPasswordOnNextLogon
    }
}

function Get-MbxGrantText {
    param([Parameter(Mandatory = $true)] [object] $Item)
    $parts = New-Object System.Collections.Generic.List[string]
    if ($Item.FullAccess.Count) { $parts.Add('Full Access: ' + ($Item.FullAccess -join ', ')) }
    if ($Item.SendAs.Count) { $parts.Add('Send As: ' + ($Item.SendAs -join ', ')) }
    if ($Item.SendOnBehalf.Count) { $parts.Add('Send on Behalf: ' + ($Item.SendOnBehalf -join ', ')) }
    if ($parts.Count -eq 0) { return '' }
    ' (' + ($parts -join '; ') + ')'
}

#endregion

#region Public commands

function Convert-MbxMailbox {
    <#
    .SYNOPSIS
    Converts mailboxes to shared mailboxes or back to regular (user) mailboxes, safely.

    .DESCRIPTION
    Convert-MbxMailbox runs mbxctl's conversion: pre-flight checks (existence, type, size against
    the 50 GB unlicensed limit, holds, archive, hybrid routing, the account), the exact Exchange
    commands (Set-Mailbox -Type or, for hybrid remote mailboxes, Set-RemoteMailbox -Type), the
    permission grants, and a verification that Exchange reports the new type.

    Mailboxes come from -Identity or from the pipeline: strings, Get-Mailbox output, or
    Import-Csv rows (columns Identity, PrimarySmtpAddress or Alias, and optionally To,
    FullAccess, SendAs, SendOnBehalf and AutoMapping; lists in a cell are separated with ';').
    Piped mailboxes run as ONE journaled mbxctl batch, so an interrupted run can be finished
    with Resume-MbxRun and undone with Undo-MbxRun.

    -WhatIf runs mbxctl's dry run and shows, for each mailbox, the checks and the exact commands
    it would run; nothing is changed. -Confirm (the default for this high-impact command unless
    $ConfirmPreference is lowered or -Confirm:$false is given) asks once per mailbox.

    A mailbox that is blocked by a check, or fails, is reported as a non-terminating error with a
    stable FullyQualifiedErrorId (MbxCtl.PreflightBlocked, MbxCtl.NotFound, MbxCtl.AccessDenied,
    MbxCtl.UnsupportedConversion, MbxCtl.ConversionFailed, MbxCtl.ConversionPartial, ...) and
    the mailbox as TargetObject; the other mailboxes carry on. Bad arguments, a missing mbxctl
    and a session that cannot be opened are terminating errors.

    .PARAMETER Identity
    The mailbox: alias, SMTP address, UPN, GUID or name. Accepts pipeline input by value and by
    the property names Identity, PrimarySmtpAddress and Alias.

    .PARAMETER To
    Shared or Regular.

    .PARAMETER FullAccess
    Users to grant Full Access (Add-MailboxPermission -AccessRights FullAccess).

    .PARAMETER SendAs
    Users to grant Send As (Add-ADPermission -ExtendedRights 'Send As' on-premises).

    .PARAMETER SendOnBehalf
    Users to add to GrantSendOnBehalfTo.

    .PARAMETER AutoMapping
    Whether Outlook adds the mailbox automatically for Full Access users (Exchange's default is
    True). Accepts $true/$false and the CSV spellings True/False, yes/no, 1/0.

    .PARAMETER CopySentItems
    Keep copies of messages sent as / on behalf of the shared mailbox in the shared mailbox.

    .PARAMETER Password
    Converting back to Regular: the new password, as a SecureString (Read-Host -AsSecureString,
    Get-Credential). It reaches mbxctl through its standard input only, never its command line.
    Piped mailboxes converted back all get this password.

    .PARAMETER ResetPasswordOnNextLogon
    Converting back to Regular: the user must change the password at next logon.

    .PARAMETER Sessions
    For piped mailboxes: how many Exchange sessions work in parallel (1-18; mbxctl's default 4).

    .PARAMETER Lab
    Run against mbxctl's simulated Exchange organisation (the LAB) instead of real Exchange.

    .PARAMETER LabPath
    The LAB directory (implies -Lab); created with the default organisation on first use.

    .PARAMETER Profile
    The mbxctl connection profile for the on-premises session (mbxctl profile list).

    .PARAMETER CloudProfile
    The mbxctl connection profile for the Exchange Online session of a hybrid organisation.

    .EXAMPLE
    Convert-MbxMailbox -Identity kim.akers -To Shared -WhatIf

    Dry run: shows the pre-flight checks and the exact commands mbxctl would run. Nothing changes.

    .EXAMPLE
    Convert-MbxMailbox kim.akers -To Shared -FullAccess ben.miller -SendAs ben.miller -AutoMapping $false -CopySentItems -Confirm:$false

    Converts Kim's mailbox to shared, grants Ben Full Access (without auto-mapping) and Send As,
    and keeps copies of sent items. Returns an MbxCtl.ConversionResult with RecipientTypeDetails
    SharedMailbox and AccountDisabled True.

    .EXAMPLE
    $password = Read-Host -AsSecureString -Prompt 'New password for Kim'
    Convert-MbxMailbox kim.akers -To Regular -Password $password -ResetPasswordOnNextLogon

    Converts the mailbox back to a regular user mailbox with a new password that Kim must change.
    The password goes to mbxctl through standard input only.

    .EXAMPLE
    Import-Csv .\leavers.csv | Convert-MbxMailbox -To Shared -Confirm:$false -ErrorVariable failed

    Converts every mailbox in the CSV as one journaled batch, with each row's FullAccess, SendAs,
    SendOnBehalf and AutoMapping columns. Mailboxes that were blocked or failed are in $failed
    ($failed | Select-Object TargetObject, FullyQualifiedErrorId, Exception).

    .EXAMPLE
    Get-Mailbox -OrganizationalUnit 'contoso.com/Leavers' -RecipientTypeDetails UserMailbox | Convert-MbxMailbox -To Shared -Confirm:$false

    Converts the mailboxes Get-Mailbox returns (bound by their Alias) as one batch.

    .EXAMPLE
    Get-MbxRun | Where-Object { -not $_.Finished } | Resume-MbxRun -Confirm:$false

    Finishes a batch that was interrupted (a reboot, a lost session): verified mailboxes are
    skipped and half-done ones are checked again first.

    .EXAMPLE
    try { Convert-MbxMailbox kim.akers -To Shared -Confirm:$false -ErrorAction Stop } catch { Write-Warning "$($_.TargetObject): $($_.FullyQualifiedErrorId): $($_.Exception.Message)" }

    Runbook style: a blocked or failed mailbox becomes an exception that try/catch handles.

    .EXAMPLE
    Convert-MbxMailbox kim.akers -To Shared -LabPath $env:TEMP\lab -Confirm:$false

    Tries it on the simulated LAB organisation; no Exchange is needed.

    .INPUTS
    System.String, or objects with an Identity, PrimarySmtpAddress or Alias property (Get-Mailbox, Import-Csv).

    .OUTPUTS
    MbxCtl.ConversionResult

    .LINK
    Test-MbxConversion

    .LINK
    Resume-MbxRun

    .LINK
    Undo-MbxRun
    #>
    [CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'High')]
    [OutputType('MbxCtl.ConversionResult')]
    param(
        [Parameter(Mandatory = $true, Position = 0, ValueFromPipeline = $true, ValueFromPipelineByPropertyName = $true)]
        [Alias('PrimarySmtpAddress', 'Alias')]
        [ValidateNotNullOrEmpty()]
        [string[]] $Identity,

        [Parameter(Mandatory = $true, ValueFromPipelineByPropertyName = $true)]
        [ValidateSet('Shared', 'Regular')]
        [string] $To,

        [Parameter(ValueFromPipelineByPropertyName = $true)]
        [AllowEmptyCollection()]
        [AllowEmptyString()]
        [AllowNull()]
        [string[]] $FullAccess,

        [Parameter(ValueFromPipelineByPropertyName = $true)]
        [AllowEmptyCollection()]
        [AllowEmptyString()]
        [AllowNull()]
        [string[]] $SendAs,

        [Parameter(ValueFromPipelineByPropertyName = $true)]
        [AllowEmptyCollection()]
        [AllowEmptyString()]
        [AllowNull()]
        [string[]] $SendOnBehalf,

        [Parameter(ValueFromPipelineByPropertyName = $true)]
        [AllowNull()]
        [object] $AutoMapping,

        [switch] $CopySentItems,

        [System.Security.SecureString] $Password,

        [switch] $ResetPasswordOnNextLogon,

        [ValidateRange(1, 18)]
        [int] $Sessions,

        [switch] $Lab,

        [string] $LabPath,

        [string] $Profile,

        [string] $CloudProfile
    )
    begin {
        $items = New-Object System.Collections.Generic.List[object]
        if ($PSBoundParameters.ContainsKey('Password') -and -not (Test-MbxSecretLine -Secret $Password)) {
            Stop-MbxCommand -Cmdlet $PSCmdlet -ErrorId 'MbxCtl.UsageError' -Category InvalidArgument -Message (
                '-Password must be one non-empty line (mbxctl reads one password line per mailbox).')
        }
    }
    process {
        foreach ($name in $Identity) {
            if (-not $name -or $name.Trim().Length -eq 0) { continue }
            $problem = $null
            $item = New-MbxConversionItem -Problem ([ref]$problem) -Identity $name -To $To -FullAccess $FullAccess -SendAs $SendAs `
                -SendOnBehalf $SendOnBehalf -AutoMapping $AutoMapping -ResetPasswordOnNextLogon:$ResetPasswordOnNextLogon
            if ($problem) {
                $PSCmdlet.WriteError((New-MbxErrorRecord -Message "$name : AutoMapping $problem" -ErrorId 'MbxCtl.InvalidRow' `
                            -Category InvalidArgument -TargetObject $name))
                continue
            }
            $items.Add($item)
        }
    }
    end {
        if ($items.Count -eq 0) { return }
        if ($null -ne $Password -and -not @($items | Where-Object { $_.To -eq 'Regular' }).Count) {
            Write-Warning '-Password applies to mailboxes converted back to Regular only; it is not used.'
        }
        $connection = Get-MbxGlobalArgument -Cmdlet $PSCmdlet -Bound $PSBoundParameters
        $state = @{}
        if ($WhatIfPreference) {
            Invoke-MbxConvert -Cmdlet $PSCmdlet -Items $items.ToArray() -GlobalArguments $connection -Password $Password `
                -CopySentItems:$CopySentItems -DryRun -State $state | ForEach-Object {
                if ($_.PSObject.TypeNames -notcontains 'MbxCtl.ConversionResult') { return }
                $plan = Format-MbxPlan -Result $_
                [void]$PSCmdlet.ShouldProcess($plan, $null, $null)
                if ($_.Status -eq 'Blocked') {
                    $PSCmdlet.WriteWarning("$($_.RequestedIdentity) would be blocked by pre-flight: " +
                        (@($_.Checks | Where-Object { $_.Verdict -eq 'Block' } | ForEach-Object { $_.Message }) -join '; '))
                }
            }
            return
        }
        $approved = New-Object System.Collections.Generic.List[object]
        foreach ($item in $items) {
            $action = "Convert mailbox to $($item.To)$(Get-MbxGrantText -Item $item)"
            if ($PSCmdlet.ShouldProcess($item.Identity, $action)) { $approved.Add($item) }
        }
        if ($approved.Count -eq 0) { return }
        $sessionCount = 0
        if ($PSBoundParameters.ContainsKey('Sessions')) { $sessionCount = $Sessions }
        Invoke-MbxConvert -Cmdlet $PSCmdlet -Items $approved.ToArray() -GlobalArguments $connection -Password $Password `
            -CopySentItems:$CopySentItems -Sessions $sessionCount -State $state | ForEach-Object {
            if ($_.PSObject.TypeNames -contains 'MbxCtl.ConversionResult') {
                Write-MbxConversionOutcome -Cmdlet $PSCmdlet -Result $_
            } else {
                $_
            }
        }
        if ($state.RunId) {
            Write-Information -MessageData "mbxctl run $($state.RunId): Get-MbxRun -Id $($state.RunId) shows it; Resume-MbxRun and Undo-MbxRun take its id." -Tags 'MbxCtl', 'RunId'
        }
    }
}

function Test-MbxConversion {
    <#
    .SYNOPSIS
    Runs mbxctl's pre-flight checks for a conversion without changing anything.

    .DESCRIPTION
    Runs `mbxctl convert --dry-run` and returns each check as an MbxCtl.PreflightCheck object
    (Identity, To, Check, Verdict Pass/Warn/Block, Message, Source). With -Quiet it returns one
    Boolean per mailbox: $true when the conversion can go ahead (no Block verdict).

    .PARAMETER Identity
    The mailbox; pipeline input by value or by the property names Identity, PrimarySmtpAddress, Alias.

    .PARAMETER To
    Shared or Regular.

    .PARAMETER Quiet
    Return $true or $false per mailbox instead of the checks.

    .EXAMPLE
    Test-MbxConversion kim.akers -To Shared

    Lists the checks: exists, type, size, holds, archive, account, route and the others.

    .EXAMPLE
    Import-Csv .\leavers.csv | Test-MbxConversion -To Shared | Where-Object Verdict -eq 'Block'

    The blocking findings of a whole leavers list, before the change window.

    .EXAMPLE
    if (Test-MbxConversion kim.akers -To Shared -Quiet) { Convert-MbxMailbox kim.akers -To Shared -Confirm:$false }

    .OUTPUTS
    MbxCtl.PreflightCheck, System.Boolean
    #>
    [CmdletBinding()]
    [OutputType('MbxCtl.PreflightCheck', [bool])]
    param(
        [Parameter(Mandatory = $true, Position = 0, ValueFromPipeline = $true, ValueFromPipelineByPropertyName = $true)]
        [Alias('PrimarySmtpAddress', 'Alias')]
        [ValidateNotNullOrEmpty()]
        [string[]] $Identity,

        [Parameter(Mandatory = $true, ValueFromPipelineByPropertyName = $true)]
        [ValidateSet('Shared', 'Regular')]
        [string] $To,

        [Parameter(ValueFromPipelineByPropertyName = $true)]
        [AllowEmptyCollection()]
        [AllowEmptyString()]
        [AllowNull()]
        [string[]] $FullAccess,

        [Parameter(ValueFromPipelineByPropertyName = $true)]
        [AllowEmptyCollection()]
        [AllowEmptyString()]
        [AllowNull()]
        [string[]] $SendAs,

        [Parameter(ValueFromPipelineByPropertyName = $true)]
        [AllowEmptyCollection()]
        [AllowEmptyString()]
        [AllowNull()]
        [string[]] $SendOnBehalf,

        [Parameter(ValueFromPipelineByPropertyName = $true)]
        [AllowNull()]
        [object] $AutoMapping,

        [System.Security.SecureString] $Password,

        [switch] $Quiet,

        [switch] $Lab,

        [string] $LabPath,

        [string] $Profile,

        [string] $CloudProfile
    )
    begin {
        $items = New-Object System.Collections.Generic.List[object]
    }
    process {
        foreach ($name in $Identity) {
            if (-not $name -or $name.Trim().Length -eq 0) { continue }
            $problem = $null
            $item = New-MbxConversionItem -Problem ([ref]$problem) -Identity $name -To $To -FullAccess $FullAccess -SendAs $SendAs `
                -SendOnBehalf $SendOnBehalf -AutoMapping $AutoMapping
            if ($problem) {
                $PSCmdlet.WriteError((New-MbxErrorRecord -Message "$name : AutoMapping $problem" -ErrorId 'MbxCtl.InvalidRow' `
                            -Category InvalidArgument -TargetObject $name))
                continue
            }
            $items.Add($item)
        }
    }
    end {
        if ($items.Count -eq 0) { return }
        $connection = Get-MbxGlobalArgument -Cmdlet $PSCmdlet -Bound $PSBoundParameters
        $state = @{}
        Invoke-MbxConvert -Cmdlet $PSCmdlet -Items $items.ToArray() -GlobalArguments $connection -Password $Password -DryRun -State $state |
            Where-Object { $_.PSObject.TypeNames -contains 'MbxCtl.ConversionResult' } |
            ForEach-Object {
                if ($Quiet) {
                    $_.Status -ne 'Blocked' -and $_.Status -ne 'Failed'
                } else {
                    $_.Checks
                }
            }
    }
}

function Get-MbxRun {
    <#
    .SYNOPSIS
    Lists mbxctl batch runs, or shows one run with its mailboxes and their states.

    .DESCRIPTION
    Without -Id, runs `mbxctl runs list` and returns one MbxCtl.Run per run (newest first), with
    Finished False for a run that was interrupted. With -Id (a run id, an unambiguous prefix, or
    'last'), runs `mbxctl runs show` and returns the run with its Items.

    .PARAMETER Id
    The run id, an unambiguous prefix of it, or 'last'.

    .EXAMPLE
    Get-MbxRun

    .EXAMPLE
    Get-MbxRun -Id last | Select-Object -ExpandProperty Items

    .EXAMPLE
    Get-MbxRun | Where-Object { -not $_.Finished } | Resume-MbxRun -Confirm:$false

    .OUTPUTS
    MbxCtl.Run
    #>
    [CmdletBinding()]
    [OutputType('MbxCtl.Run')]
    param(
        [Parameter(Position = 0, ValueFromPipeline = $true, ValueFromPipelineByPropertyName = $true)]
        [Alias('RunId')]
        [string[]] $Id,

        [switch] $Lab,

        [string] $LabPath,

        [string] $Profile,

        [string] $CloudProfile
    )
    process {
        $connection = Get-MbxGlobalArgument -Cmdlet $PSCmdlet -Bound $PSBoundParameters
        if (-not $Id) {
            Invoke-MbxCtl -Cmdlet $PSCmdlet -Command 'runs list' -GlobalArguments $connection | ForEach-Object {
                foreach ($run in @(ConvertTo-MbxRunList -JsonDoc $_)) { $run }
            }
            return
        }
        foreach ($runId in $Id) {
            # The document is {schema_version, command, run: {header, items, ...}}: the run is under `run`.
            Invoke-MbxCtl -Cmdlet $PSCmdlet -Command 'runs show' -Arguments @('--', $runId) -GlobalArguments $connection -TargetObject $runId |
                ForEach-Object {
                    $jsonDoc = $_
                    if ($null -ne $jsonDoc.run) { ConvertTo-MbxRun -Node $jsonDoc.run } else { ConvertTo-MbxRun -Node $jsonDoc }
                }
        }
    }
}

function ConvertTo-MbxRun {
    # A run (list entry or `runs show` document) as MbxCtl.Run with RunId and Finished.
    param([Parameter(Mandatory = $true)] [object] $Node)
    $run = ConvertFrom-MbxJsonNode -Node $Node -TypeName 'MbxCtl.Run'
    $header = $run.PSObject.Properties['Header']
    if ($header -and $header.Value) {
        foreach ($property in $header.Value.PSObject.Properties) {
            if (-not $run.PSObject.Properties[$property.Name]) {
                Add-Member -InputObject $run -MemberType NoteProperty -Name $property.Name -Value $property.Value
            }
        }
    }
    if ($run.PSObject.Properties['Id'] -and -not $run.PSObject.Properties['RunId']) {
        Add-Member -InputObject $run -MemberType AliasProperty -Name 'RunId' -Value 'Id'
    } elseif ($run.PSObject.Properties['RunId'] -and -not $run.PSObject.Properties['Id']) {
        Add-Member -InputObject $run -MemberType AliasProperty -Name 'Id' -Value 'RunId'
    }
    $finished = $run.PSObject.Properties['Finished']
    if ($finished -and $finished.Value -isnot [bool]) {
        $finished.Value = [bool]$finished.Value
    }
    $run
}

function ConvertTo-MbxRunList {
    param([Parameter(Mandatory = $true)] [object] $JsonDoc)
    $jsonDoc = $JsonDoc
    if ($null -ne $jsonDoc.runs) {
        foreach ($jsonRun in @($jsonDoc.runs)) { ConvertTo-MbxRun -Node $jsonRun }
    } else {
        ConvertTo-MbxRun -Node $jsonDoc
    }
}

function Resume-MbxRun {
    <#
    .SYNOPSIS
    Finishes an interrupted mbxctl batch run.

    .DESCRIPTION
    Runs `mbxctl resume ID`: mailboxes the journal shows as verified are skipped, half-done ones
    are checked again before anything else runs. Returns MbxCtl.ConversionResult objects and
    non-terminating errors, as Convert-MbxMailbox does.

    .PARAMETER Id
    The run id (or an unambiguous prefix, or 'last'); pipeline input from Get-MbxRun.

    .PARAMETER Sessions
    How many Exchange sessions work in parallel (1-18).

    .EXAMPLE
    Resume-MbxRun -Id last -Confirm:$false

    .EXAMPLE
    Get-MbxRun | Where-Object { -not $_.Finished } | Resume-MbxRun -Confirm:$false -ErrorVariable failed

    .OUTPUTS
    MbxCtl.ConversionResult
    #>
    [CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'High')]
    [OutputType('MbxCtl.ConversionResult')]
    param(
        [Parameter(Mandatory = $true, Position = 0, ValueFromPipeline = $true, ValueFromPipelineByPropertyName = $true)]
        [Alias('RunId')]
        [ValidateNotNullOrEmpty()]
        [string[]] $Id,

        [ValidateRange(1, 18)]
        [int] $Sessions,

        [switch] $Lab,

        [string] $LabPath,

        [string] $Profile,

        [string] $CloudProfile
    )
    process {
        $connection = Get-MbxGlobalArgument -Cmdlet $PSCmdlet -Bound $PSBoundParameters
        foreach ($runId in $Id) {
            if (-not $PSCmdlet.ShouldProcess("run $runId", 'Resume the batch run')) { continue }
            $argv = New-Object System.Collections.Generic.List[string]
            if ($PSBoundParameters.ContainsKey('Sessions')) {
                $argv.Add('--sessions')
                $argv.Add([string]$Sessions)
            }
            $argv.Add('--')
            $argv.Add($runId)
            $state = @{}
            Invoke-MbxCtl -Cmdlet $PSCmdlet -Command 'resume' -Arguments $argv.ToArray() -GlobalArguments $connection -TargetObject $runId -State $state |
                ForEach-Object { Read-MbxConversionStream -JsonDoc $_ -State $state } |
                ForEach-Object {
                    if ($_.PSObject.TypeNames -contains 'MbxCtl.ConversionResult') {
                        Write-MbxConversionOutcome -Cmdlet $PSCmdlet -Result $_
                    } else {
                        $_
                    }
                }
        }
    }
}

function Undo-MbxRun {
    <#
    .SYNOPSIS
    Undoes what an mbxctl run did: converts its mailboxes back and removes the permissions it granted.

    .DESCRIPTION
    Runs `mbxctl rollback ID`. -WhatIf runs `mbxctl rollback ID --dry-run` and shows what would be
    undone; nothing changes. Converting mailboxes back to Regular needs a password (-Password,
    one for all), passed through standard input only.

    .PARAMETER Id
    The run id (or an unambiguous prefix, or 'last'); pipeline input from Get-MbxRun.

    .PARAMETER Password
    The password for mailboxes converted back to Regular (one for all), as a SecureString.

    .EXAMPLE
    Undo-MbxRun -Id last -WhatIf

    .EXAMPLE
    Get-MbxRun -Id 20260112 | Undo-MbxRun -Confirm:$false

    .OUTPUTS
    MbxCtl.ConversionResult
    #>
    [CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'High')]
    [OutputType('MbxCtl.ConversionResult')]
    param(
        [Parameter(Mandatory = $true, Position = 0, ValueFromPipeline = $true, ValueFromPipelineByPropertyName = $true)]
        [Alias('RunId')]
        [ValidateNotNullOrEmpty()]
        [string[]] $Id,

        [System.Security.SecureString] $Password,

        [switch] $Lab,

        [string] $LabPath,

        [string] $Profile,

        [string] $CloudProfile
    )
    begin {
        if ($PSBoundParameters.ContainsKey('Password') -and -not (Test-MbxSecretLine -Secret $Password)) {
            Stop-MbxCommand -Cmdlet $PSCmdlet -ErrorId 'MbxCtl.UsageError' -Category InvalidArgument -Message '-Password must be one non-empty line.'
        }
    }
    process {
        $connection = Get-MbxGlobalArgument -Cmdlet $PSCmdlet -Bound $PSBoundParameters
        foreach ($runId in $Id) {
            $argv = New-Object System.Collections.Generic.List[string]
            $secrets = $null
            if ($null -ne $Password) {
                $argv.Add('--password-stdin')
                $secrets = @($Password)
            }
            $state = @{}
            if ($WhatIfPreference) {
                $argv.Add('--dry-run')
                $argv.Add('--')
                $argv.Add($runId)
                Invoke-MbxCtl -Cmdlet $PSCmdlet -Command 'rollback' -Arguments $argv.ToArray() -GlobalArguments $connection -StdinSecret $secrets `
                    -TargetObject $runId -State $state |
                    ForEach-Object { Read-MbxConversionStream -JsonDoc $_ -State $state } |
                    ForEach-Object {
                        if ($_.PSObject.TypeNames -contains 'MbxCtl.ConversionResult') {
                            [void]$PSCmdlet.ShouldProcess((Format-MbxPlan -Result $_), $null, $null)
                        } else {
                            [void]$PSCmdlet.ShouldProcess("Undo run ${runId}: $(($_ | Out-String).Trim())", $null, $null)
                        }
                    }
                continue
            }
            if (-not $PSCmdlet.ShouldProcess("run $runId", 'Undo the batch run (convert its mailboxes back, remove its grants)')) { continue }
            $argv.Add('--')
            $argv.Add($runId)
            Invoke-MbxCtl -Cmdlet $PSCmdlet -Command 'rollback' -Arguments $argv.ToArray() -GlobalArguments $connection -StdinSecret $secrets `
                -TargetObject $runId -State $state |
                ForEach-Object { Read-MbxConversionStream -JsonDoc $_ -State $state } |
                ForEach-Object {
                    if ($_.PSObject.TypeNames -contains 'MbxCtl.ConversionResult') {
                        Write-MbxConversionOutcome -Cmdlet $PSCmdlet -Result $_
                    } else {
                        $_
                    }
                }
        }
    }
}

function ConvertTo-MbxRenderValue {
    # A parameter value as render's JSON accepts it: string, integer, Boolean (switches),
    # array of strings, or {Add, Remove}. What cannot be rendered sets $Problem (no throw: see
    # ConvertTo-MbxBoolean) and returns $null.
    param([AllowNull()] [object] $Value, [Parameter(Mandatory = $true)] [ref] $Problem)
    if ($null -eq $Value) {
        $Problem.Value = 'a null value cannot be rendered; leave the parameter out'
        return $null
    }
    if ($Value -is [System.Management.Automation.PSObject]) { $Value = $Value.PSObject.BaseObject }
    if ($Value -is [System.Security.SecureString]) {
        $Problem.Value = 'a SecureString is never rendered as text'
        return $null
    }
    if ($Value -is [System.Management.Automation.SwitchParameter]) { return [bool]$Value.IsPresent }
    if ($Value -is [bool]) { return $Value }
    if ($Value -is [int] -or $Value -is [long] -or $Value -is [short] -or $Value -is [byte] -or $Value -is [uint32] -or $Value -is [uint16] -or $Value -is [sbyte]) {
        return [long]$Value
    }
    if ($Value -is [string]) { return $Value }
    if ($Value -is [System.Collections.IDictionary]) {
        $edit = [ordered]@{}
        foreach ($key in $Value.Keys) {
            $list = New-Object System.Collections.Generic.List[string]
            foreach ($element in @($Value[$key])) { if ($null -ne $element) { $list.Add([string]$element) } }
            $edit[[string]$key] = $list.ToArray()
        }
        return $edit
    }
    if ($Value -is [System.Collections.IEnumerable]) {
        $list = New-Object System.Collections.Generic.List[string]
        foreach ($element in $Value) { if ($null -ne $element) { $list.Add([string]$element) } }
        return , $list.ToArray()
    }
    [string]$Value
}

function Format-MbxCommand {
    <#
    .SYNOPSIS
    Renders an Exchange cmdlet invocation as one line of safely quoted PowerShell, validated
    against mbxctl's catalogue.

    .DESCRIPTION
    Builds the invocation JSON from -Cmdlet and -Parameters (or from piped objects with Cmdlet and
    Parameters properties) and runs `mbxctl render`. Each invocation comes back as an
    MbxCtl.RenderedCommand with Text and Diagnostics; one that does not validate (an unknown
    parameter, an invalid value) is a non-terminating MbxCtl.RenderFailed error naming the problem.
    Values: strings, integers, Booleans and switches ($true), string arrays, and
    @{Add = ...; Remove = ...} for multi-valued properties. SecureStrings are never rendered.

    .PARAMETER Cmdlet
    The Exchange cmdlet name, e.g. Set-Mailbox.

    .PARAMETER Parameters
    The parameters as a hashtable (use [ordered] to keep their order).

    .PARAMETER ExchangeVersion
    Also check version support for this Exchange version (2016CU10, 15.1.2507.18, Online).

    .EXAMPLE
    Format-MbxCommand -Cmdlet Set-Mailbox -Parameters ([ordered]@{ Identity = "O'Brien"; Type = 'Shared' })

    Text: Set-Mailbox -Identity 'O''Brien' -Type 'Shared'

    .EXAMPLE
    Format-MbxCommand Add-MailboxPermission ([ordered]@{ Identity = 'kim.akers'; User = 'ben.miller'; AccessRights = 'FullAccess'; AutoMapping = $false })

    .EXAMPLE
    Format-MbxCommand Set-Mailbox @{ Identity = 'kim.akers'; GrantSendOnBehalfTo = @{ Add = 'ben.miller' } }

    .EXAMPLE
    Import-Csv .\leavers.csv | ForEach-Object { [pscustomobject]@{ Cmdlet = 'Set-Mailbox'; Parameters = @{ Identity = $_.Identity; Type = 'Shared' } } } | Format-MbxCommand | Select-Object -ExpandProperty Text

    The commands for a change request, rendered in one mbxctl call.

    .OUTPUTS
    MbxCtl.RenderedCommand
    #>
    [CmdletBinding()]
    [OutputType('MbxCtl.RenderedCommand')]
    param(
        [Parameter(Mandatory = $true, Position = 0, ValueFromPipelineByPropertyName = $true)]
        [Alias('CommandName', 'Name')]
        [ValidateNotNullOrEmpty()]
        [string] $Cmdlet,

        [Parameter(Position = 1, ValueFromPipelineByPropertyName = $true)]
        [AllowNull()]
        [System.Collections.IDictionary] $Parameters,

        [string] $ExchangeVersion
    )
    begin {
        $invocations = New-Object System.Collections.Generic.List[object]
    }
    process {
        $rendered = [ordered]@{}
        if ($null -ne $Parameters) {
            foreach ($key in $Parameters.Keys) {
                $problem = $null
                $value = ConvertTo-MbxRenderValue -Value $Parameters[$key] -Problem ([ref]$problem)
                if ($problem) {
                    $PSCmdlet.WriteError((New-MbxErrorRecord -Message "${Cmdlet}: parameter ${key}: $problem" -ErrorId 'MbxCtl.RenderFailed' `
                                -Category InvalidArgument -TargetObject $Cmdlet))
                    return
                }
                # Unwrapped, so Windows PowerShell 5.1 writes arrays as arrays, not {"value": ..., "Count": ...}.
                if ($null -ne $value) { $value = $value.PSObject.BaseObject }
                $rendered[[string]$key] = $value
            }
        }
        $invocations.Add([ordered]@{ cmdlet = $Cmdlet; parameters = $rendered })
    }
    end {
        if ($invocations.Count -eq 0) { return }
        $payload = ConvertTo-Json -InputObject ([object[]]$invocations.ToArray()) -Depth 5 -Compress
        $argv = New-Object System.Collections.Generic.List[string]
        if ($ExchangeVersion) {
            $argv.Add('--exchange-version')
            $argv.Add($ExchangeVersion)
        }
        $argv.Add('--')
        $argv.Add('-')
        $index = 0
        Invoke-MbxCtl -Cmdlet $PSCmdlet -Command 'render' -Arguments $argv.ToArray() -StdinText $payload | ForEach-Object {
            $jsonRendered = $_
            $name = $invocations[[Math]::Min($index, $invocations.Count - 1)].cmdlet
            $index++
            $diagnostics = @(foreach ($jsonDiagnostic in @($jsonRendered.diagnostics)) {
                    if ($null -ne $jsonDiagnostic) { ConvertFrom-MbxJsonNode -Node $jsonDiagnostic -TypeName 'MbxCtl.Diagnostic' }
                })
            foreach ($diagnostic in $diagnostics) {
                if ($diagnostic.Severity -eq 'warning') { $PSCmdlet.WriteWarning("${name}: $($diagnostic.Message)") }
            }
            if ($null -eq $jsonRendered.text) {
                $errors = @($diagnostics | Where-Object { $_.Severity -eq 'error' } | ForEach-Object {
                        $text = $_.Message
                        if ($_.PSObject.Properties['Help'] -and $_.Help) { $text += " ($($_.Help))" }
                        $text
                    })
                $PSCmdlet.WriteError((New-MbxErrorRecord -Message ("${name}: " + ($errors -join '; ')) -ErrorId 'MbxCtl.RenderFailed' `
                            -Category InvalidArgument -TargetObject $name))
                return
            }
            [pscustomobject]@{
                PSTypeName  = 'MbxCtl.RenderedCommand'
                Cmdlet      = $name
                Text        = [string]$jsonRendered.text
                Diagnostics = $diagnostics
            }
        }
    }
}

function Test-MbxScript {
    <#
    .SYNOPSIS
    Checks every Exchange cmdlet call in PowerShell scripts against mbxctl's catalogue.

    .DESCRIPTION
    Runs `mbxctl validate` on each file and returns one MbxCtl.ScriptFinding per finding (unknown
    parameter, invalid value, parameter set conflict, version support, ...), with Path, Line,
    Column, Cmdlet, Severity, Code and Message. A script without findings returns nothing; with
    -Quiet, $true when a script has no error finding.

    .PARAMETER Path
    The script files; wildcards allowed; pipeline input from Get-ChildItem.

    .PARAMETER ExchangeVersion
    Also check that every cmdlet and parameter exists in this Exchange version (2016CU9, Online).

    .PARAMETER Quiet
    Return $true or $false per file.

    .EXAMPLE
    Test-MbxScript .\leavers.ps1

    .EXAMPLE
    Get-ChildItem .\runbooks -Filter *.ps1 -Recurse | Test-MbxScript -ExchangeVersion 2016CU9 | Format-Table -GroupBy Path

    .EXAMPLE
    if (-not (Test-MbxScript .\leavers.ps1 -Quiet)) { throw 'leavers.ps1 has errors' }

    .OUTPUTS
    MbxCtl.ScriptFinding, System.Boolean
    #>
    [CmdletBinding()]
    [OutputType('MbxCtl.ScriptFinding', [bool])]
    param(
        [Parameter(Mandatory = $true, Position = 0, ValueFromPipeline = $true, ValueFromPipelineByPropertyName = $true)]
        [Alias('FullName', 'PSPath')]
        [ValidateNotNullOrEmpty()]
        [string[]] $Path,

        [string] $ExchangeVersion,

        [switch] $Quiet
    )
    process {
        foreach ($pattern in $Path) {
            $resolved = @(Resolve-Path -Path $pattern -ErrorAction SilentlyContinue | Where-Object { $_.Provider.Name -eq 'FileSystem' })
            if ($resolved.Count -eq 0) {
                $PSCmdlet.WriteError((New-MbxErrorRecord -Message "Cannot find the script '$pattern'." -ErrorId 'MbxCtl.ScriptNotFound' `
                            -Category ObjectNotFound -TargetObject $pattern))
                continue
            }
            foreach ($file in $resolved) {
                $fullPath = $file.ProviderPath
                $argv = New-Object System.Collections.Generic.List[string]
                if ($ExchangeVersion) {
                    $argv.Add('--exchange-version')
                    $argv.Add($ExchangeVersion)
                }
                $argv.Add('--')
                $argv.Add($fullPath)
                Invoke-MbxCtl -Cmdlet $PSCmdlet -Command 'validate' -Arguments $argv.ToArray() -TargetObject $fullPath | ForEach-Object {
                    $jsonDoc = $_
                    $findings = @(ConvertTo-MbxScriptFinding -JsonDoc $jsonDoc -Path $fullPath)
                    if ($Quiet) {
                        [int]$jsonDoc.errors -eq 0
                    } else {
                        $findings
                    }
                }
            }
        }
    }
}

function ConvertTo-MbxScriptFinding {
    param(
        [Parameter(Mandatory = $true)] [object] $JsonDoc,
        [Parameter(Mandatory = $true)] [string] $Path
    )
    $jsonDoc = $JsonDoc
    $counted = 0
    foreach ($jsonCommand in @($jsonDoc.commands)) {
        if ($null -eq $jsonCommand) { continue }
        foreach ($jsonFinding in @($jsonCommand.findings)) {
            if ($null -eq $jsonFinding) { continue }
            $line = $jsonCommand.line
            $column = $jsonCommand.column
            if ($null -ne $jsonFinding.position) {
                $jsonPosition = $jsonFinding.position
                $line = $jsonPosition.line
                $column = $jsonPosition.column
            }
            if ([string]$jsonFinding.severity -eq 'error') { $counted++ }
            [pscustomobject]@{
                PSTypeName = 'MbxCtl.ScriptFinding'
                Path       = $Path
                Line       = $line
                Column     = $column
                Cmdlet     = [string]$jsonCommand.cmdlet
                Severity   = ConvertTo-MbxTitleCase -Value ([string]$jsonFinding.severity)
                Code       = [string]$jsonFinding.code
                Message    = [string]$jsonFinding.message
                Parameter  = $jsonFinding.parameter
                Help       = $jsonFinding.help
            }
        }
    }
    # Script-level errors (a parse error) are counted in the document but not attached to a command.
    $uncounted = [int]$jsonDoc.errors - $counted
    if ($uncounted -gt 0) {
        [pscustomobject]@{
            PSTypeName = 'MbxCtl.ScriptFinding'
            Path       = $Path
            Line       = $null
            Column     = $null
            Cmdlet     = $null
            Severity   = 'Error'
            Code       = 'script'
            Message    = "$uncounted error(s) in the script itself; run: mbxctl validate `"$Path`" for the details"
            Parameter  = $null
            Help       = $null
        }
    }
}

function Get-MbxCmdletInfo {
    <#
    .SYNOPSIS
    What mbxctl knows of Exchange cmdlets: parameters, types, sets, positions, versions.

    .PARAMETER Name
    Cmdlet names; wildcards allowed. All when absent.

    .PARAMETER Online
    Show the Exchange Online variants.

    .EXAMPLE
    Get-MbxCmdletInfo Set-RemoteMailbox | Select-Object -ExpandProperty Parameters

    .EXAMPLE
    Get-MbxCmdletInfo *Permission* -Online

    .OUTPUTS
    MbxCtl.CmdletInfo
    #>
    [CmdletBinding()]
    [OutputType('MbxCtl.CmdletInfo')]
    param(
        [Parameter(Position = 0, ValueFromPipeline = $true, ValueFromPipelineByPropertyName = $true)]
        [SupportsWildcards()]
        [string[]] $Name,

        [switch] $Online
    )
    begin {
        $names = New-Object System.Collections.Generic.List[string]
    }
    process {
        foreach ($n in $Name) { if ($n) { $names.Add($n) } }
    }
    end {
        $argv = New-Object System.Collections.Generic.List[string]
        if ($Online) { $argv.Add('--online') }
        if ($names.Count -eq 0) {
            Invoke-MbxCtl -Cmdlet $PSCmdlet -Command 'cmdlets' -Arguments $argv.ToArray() | ForEach-Object {
                ConvertFrom-MbxJsonNode -Node $_ -TypeName 'MbxCtl.CmdletInfo'
            }
            return
        }
        foreach ($pattern in $names) {
            # mbxctl matches the pattern itself (as -like does), so only the matches cross over:
            # converting the whole catalogue (1,400 cmdlets) in PowerShell takes minutes.
            $one = @($argv.ToArray()) + @('--like', '--', $pattern)
            $matched = @(Invoke-MbxCtl -Cmdlet $PSCmdlet -Command 'cmdlets' -Arguments $one | ForEach-Object {
                    ConvertFrom-MbxJsonNode -Node $_ -TypeName 'MbxCtl.CmdletInfo'
                })
            if ($matched.Count -eq 0 -and -not [System.Management.Automation.WildcardPattern]::ContainsWildcardCharacters($pattern)) {
                $PSCmdlet.WriteError((New-MbxErrorRecord -Message "mbxctl knows no cmdlet '$pattern'. Get-MbxCmdletInfo lists them all." `
                            -ErrorId 'MbxCtl.CmdletNotFound' -Category ObjectNotFound -TargetObject $pattern))
            }
            $matched
        }
    }
}

function Test-MbxSession {
    <#
    .SYNOPSIS
    Opens the Exchange Management Shell session mbxctl would use and reports on it.

    .DESCRIPTION
    Runs `mbxctl session test`: the PowerShell version, the Exchange server and version, and
    whether the account holds the roles mbxctl needs. A session that cannot be opened is a
    terminating MbxCtl.SessionFailed error with mbxctl's reason.

    .EXAMPLE
    Test-MbxSession -Profile onprem

    .EXAMPLE
    Test-MbxSession -Lab

    .OUTPUTS
    MbxCtl.SessionInfo
    #>
    [CmdletBinding()]
    [OutputType('MbxCtl.SessionInfo')]
    param(
        [switch] $Lab,

        [string] $LabPath,

        [string] $Profile,

        [string] $CloudProfile
    )
    $connection = Get-MbxGlobalArgument -Cmdlet $PSCmdlet -Bound $PSBoundParameters
    Invoke-MbxCtl -Cmdlet $PSCmdlet -Command 'session test' -GlobalArguments $connection | ForEach-Object {
        ConvertFrom-MbxJsonNode -Node $_ -TypeName 'MbxCtl.SessionInfo'
    }
}

function Invoke-MbxHybridAudit {
    <#
    .SYNOPSIS
    Audits a hybrid organisation: mailboxes directory sync will turn back (KB2710029),
    unlicensed mailboxes at risk, remote mailboxes that cannot be converted in place, and more.

    .DESCRIPTION
    Runs `mbxctl audit hybrid` and returns one MbxCtl.AuditFinding per finding (Severity
    Critical/Warning/Info, Kind, Identity, Message, the evidence from each side, and the fix).
    With -Fix it applies the safe fixes (journaled as a run that Undo-MbxRun can undo); with
    -Fix -WhatIf it shows them without changing anything.

    .PARAMETER Fix
    Apply the safe fixes.

    .EXAMPLE
    Invoke-MbxHybridAudit -Profile onprem -CloudProfile exo | Where-Object Severity -eq 'Critical'

    .EXAMPLE
    $critical = @(Invoke-MbxHybridAudit -Profile onprem -CloudProfile exo | Where-Object Severity -eq 'Critical')
    if ($critical.Count) { Send-MailMessage -To 'exchange-team@contoso.com' -Subject "$($critical.Count) hybrid mailboxes at risk" -Body ($critical | Format-Table -AutoSize | Out-String) -SmtpServer smtp.contoso.com -From 'audit@contoso.com' }

    Nightly alerting.

    .EXAMPLE
    Invoke-MbxHybridAudit -Lab -Fix -WhatIf

    .OUTPUTS
    MbxCtl.AuditFinding
    #>
    [CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'High')]
    [OutputType('MbxCtl.AuditFinding')]
    param(
        [switch] $Fix,

        [switch] $Lab,

        [string] $LabPath,

        [string] $Profile,

        [string] $CloudProfile
    )
    $connection = Get-MbxGlobalArgument -Cmdlet $PSCmdlet -Bound $PSBoundParameters
    $argv = New-Object System.Collections.Generic.List[string]
    $dryRun = $false
    if ($Fix) {
        if ($WhatIfPreference) {
            $argv.Add('--fix')
            $argv.Add('--dry-run')
            $dryRun = $true
        } elseif ($PSCmdlet.ShouldProcess('the safe fixes the hybrid audit finds', 'Apply')) {
            $argv.Add('--fix')
        }
    }
    Invoke-MbxCtl -Cmdlet $PSCmdlet -Command 'audit hybrid' -Arguments $argv.ToArray() -GlobalArguments $connection | ForEach-Object {
        $jsonDoc = $_
        foreach ($jsonFinding in @($jsonDoc.findings)) {
            if ($null -eq $jsonFinding) { continue }
            $finding = ConvertFrom-MbxJsonNode -Node $jsonFinding -TypeName 'MbxCtl.AuditFinding'
            if ($finding.PSObject.Properties['Severity']) { $finding.Severity = ConvertTo-MbxTitleCase -Value ([string]$finding.Severity) }
            if ($dryRun -and $null -ne $jsonFinding.safe_fix) {
                $jsonFix = $jsonFinding.safe_fix
                [void]$PSCmdlet.ShouldProcess("Fix $($finding.Identity) ($($finding.Kind)): $($jsonFix.text)", $null, $null)
            }
            $finding
        }
        foreach ($jsonCommand in @($jsonDoc.fixes)) {
            if ($null -eq $jsonCommand) { continue }
            $record = ConvertTo-MbxCommandRecord -JsonCommand $jsonCommand
            foreach ($commandError in $record.Errors) {
                $PSCmdlet.WriteError((New-MbxErrorRecord -Message "$($record.Text): $($commandError.Message)" -ErrorId 'MbxCtl.FixFailed' `
                            -Category InvalidResult -TargetObject $record.Text))
            }
        }
    }
}

#endregion

Export-ModuleMember -Function @(
    'Convert-MbxMailbox',
    'Test-MbxConversion',
    'Get-MbxRun',
    'Resume-MbxRun',
    'Undo-MbxRun',
    'Format-MbxCommand',
    'Test-MbxScript',
    'Get-MbxCmdletInfo',
    'Test-MbxSession',
    'Invoke-MbxHybridAudit'
)
