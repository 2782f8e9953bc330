<#
Pester 5 tests for the MbxCtl module. They drive every command against mbxctl's simulated
Exchange LAB (a fresh temporary LAB directory per test), so no Exchange is needed.

    cargo build                                   # or set $env:MBXCTL_PATH to an mbxctl binary
    Install-Module Pester -MinimumVersion 5.3 -Scope CurrentUser
    Invoke-Pester -Path module/tests -Output Detailed

They run the same on Windows PowerShell 5.1 and PowerShell 7 (Windows, Linux, macOS).
#>

BeforeAll {
    $repoRoot = (Resolve-Path (Join-Path $PSScriptRoot '..\..')).ProviderPath
    if (-not $env:MBXCTL_PATH) {
        $exeName = 'mbxctl'
        if ([System.Environment]::OSVersion.Platform -eq [System.PlatformID]::Win32NT) { $exeName = 'mbxctl.exe' }
        foreach ($profileDir in @('debug', 'release')) {
            $candidate = Join-Path (Join-Path (Join-Path $repoRoot 'target') $profileDir) $exeName
            if (Test-Path -LiteralPath $candidate) { $env:MBXCTL_PATH = $candidate; break }
        }
    }
    if (-not $env:MBXCTL_PATH -or -not (Test-Path -LiteralPath $env:MBXCTL_PATH)) {
        throw "No mbxctl binary: run 'cargo build' in $repoRoot or set `$env:MBXCTL_PATH."
    }
    $script:Exe = $env:MBXCTL_PATH
    Import-Module (Join-Path $PSScriptRoot '..\MbxCtl\MbxCtl.psd1') -Force

    function New-TestLab {
        Join-Path ([System.IO.Path]::GetTempPath()) ('mbxctl-pester-' + [guid]::NewGuid().ToString('N'))
    }

    function Invoke-LabCli {
        # The binary directly, to arrange and inspect LAB state independently of the module.
        param([string] $LabPath, [string[]] $Arguments)
        $output = & $script:Exe --lab-dir $LabPath @Arguments
        ($output | Out-String)
    }

    function Find-LabObject {
        param($Node, [string] $Alias)
        if ($null -eq $Node) { return }
        if ($Node -is [System.Array]) {
            foreach ($n in $Node) { Find-LabObject -Node $n -Alias $Alias }
            return
        }
        if ($Node -is [System.Management.Automation.PSCustomObject]) {
            $aliasProperty = $Node.PSObject.Properties['Alias']
            if ($aliasProperty -and $aliasProperty.Value -eq $Alias) { $Node; return }
            foreach ($p in $Node.PSObject.Properties) { Find-LabObject -Node $p.Value -Alias $Alias }
        }
    }

    function Get-LabRecipientType {
        # RecipientTypeDetails of the on-premises recipient with this alias, from `lab show --json`.
        param([string] $LabPath, [string] $Alias)
        $doc = Invoke-LabCli -LabPath $LabPath -Arguments @('lab', 'show', '--json') | ConvertFrom-Json
        $found = @(Find-LabObject -Node $doc -Alias $Alias)
        if ($found.Count -eq 0) { throw "LAB has no recipient with alias $Alias" }
        [string]$found[0].RecipientTypeDetails
    }
}

AfterAll {
    Remove-Module MbxCtl -ErrorAction SilentlyContinue
}

Describe 'The module' {
    It 'has a valid manifest exporting exactly the public commands' {
        $manifest = Test-ModuleManifest -Path (Join-Path $PSScriptRoot '..\MbxCtl\MbxCtl.psd1')
        $manifest.Version.ToString() | Should -Be '0.1.0'
        @($manifest.ExportedFunctions.Keys | Sort-Object) | Should -Be @(
            'Convert-MbxMailbox', 'Format-MbxCommand', 'Get-MbxCmdletInfo', 'Get-MbxRun', 'Invoke-MbxHybridAudit',
            'Resume-MbxRun', 'Test-MbxConversion', 'Test-MbxScript', 'Test-MbxSession', 'Undo-MbxRun')
        @((Get-Command -Module MbxCtl).Name | Sort-Object) | Should -Be @($manifest.ExportedFunctions.Keys | Sort-Object)
    }

    It 'uses only approved verbs' {
        $approved = @(Get-Verb | ForEach-Object { $_.Verb })
        foreach ($command in Get-Command -Module MbxCtl) {
            $approved | Should -Contain $command.Verb
        }
    }

    It 'documents every command with a synopsis and examples' {
        foreach ($command in Get-Command -Module MbxCtl) {
            $help = Get-Help $command.Name -Full
            $help.Synopsis | Should -Not -BeLike "*$($command.Name) *[<CommonParameters>]*"
            @($help.Examples.Example).Count | Should -BeGreaterThan 0 -Because "$($command.Name) needs .EXAMPLE"
        }
    }

    It 'teaches the whole workflow in Convert-MbxMailbox examples' {
        $text = Get-Help Convert-MbxMailbox -Examples | Out-String
        $text | Should -Match '-WhatIf'
        $text | Should -Match '-FullAccess'
        $text | Should -Match '-To Regular -Password'
        $text | Should -Match 'Import-Csv'
        $text | Should -Match 'Resume-MbxRun'
    }

    It 'marks the converting commands high impact with ShouldProcess' {
        foreach ($name in 'Convert-MbxMailbox', 'Undo-MbxRun', 'Resume-MbxRun') {
            $meta = New-Object System.Management.Automation.CommandMetadata (Get-Command $name)
            $meta.SupportsShouldProcess | Should -BeTrue
            $meta.ConfirmImpact | Should -Be 'High'
        }
    }
}

Describe 'Windows command-line quoting (Windows PowerShell 5.1 path)' {
    It 'quotes <Arg> as <Expected>' -TestCases @(
        @{ Arg = 'kim'; Expected = 'kim' }
        @{ Arg = 'Kim Akers'; Expected = '"Kim Akers"' }
        @{ Arg = ''; Expected = '""' }
        @{ Arg = 'a"b'; Expected = '"a\"b"' }
        @{ Arg = 'C:\dir\file'; Expected = 'C:\dir\file' }
        @{ Arg = 'C:\my dir\'; Expected = '"C:\my dir\\"' }
        @{ Arg = 'x\"y'; Expected = '"x\\\"y"' }
        @{ Arg = "O'Brien"; Expected = "O'Brien" }
    ) {
        param($Arg, $Expected)
        InModuleScope MbxCtl -Parameters @{ Arg = $Arg } {
            param($Arg)
            ConvertTo-MbxCommandLine -ArgumentList @($Arg)
        } | Should -BeExactly $Expected
    }

    It 'joins several arguments with single spaces' {
        InModuleScope MbxCtl {
            ConvertTo-MbxCommandLine -ArgumentList @('convert', '--to', 'shared', '--', 'Doe, John')
        } | Should -BeExactly 'convert --to shared -- "Doe, John"'
    }
}

Describe 'Passwords' {
    It 'writes a SecureString as one UTF-8 line and nothing else' {
        $bytes = InModuleScope MbxCtl {
            $stream = New-Object System.IO.MemoryStream
            $secret = ConvertTo-SecureString -String "P$([char]0xE4)ss-w0rd$([char]0x20AC)" -AsPlainText -Force
            Write-MbxSecretLine -Stream $stream -Secret $secret
            , $stream.ToArray()
        }
        [System.Text.Encoding]::UTF8.GetString($bytes) | Should -BeExactly "P$([char]0xE4)ss-w0rd$([char]0x20AC)`n"
    }

    It 'refuses a password with a line break' {
        InModuleScope MbxCtl {
            Test-MbxSecretLine -Secret (ConvertTo-SecureString -String "a`nb" -AsPlainText -Force)
        } | Should -BeFalse
    }

    It 'never puts the password on the command line' {
        InModuleScope MbxCtl {
            Mock Invoke-MbxCtlProcess {
                $State.ExitCode = 0
                $State.StdErr = ''
                if ($ArgumentList -contains 'validate') {
                    '{"schema_version": 1, "command": "validate", "file": "-", "commands": [], "errors": 0, "warnings": 0, "exit_code": 0}'
                } else {
                    '{"schema_version": 1, "command": "convert", "target": {"kind": "lab", "target": "x", "side": "onpremises"}, "dry_run": false, "results": [], "summary": {}, "exit_code": 0}'
                }
            }
            $secret = ConvertTo-SecureString -String 'Sup3r-Secret!' -AsPlainText -Force
            Convert-MbxMailbox kim -To Regular -Password $secret -Lab -Confirm:$false
            Should -Invoke Invoke-MbxCtlProcess -ParameterFilter { $ArgumentList -contains '--password-stdin' -and @($StdinSecret).Count -eq 1 } -Times 1 -Exactly
            Should -Invoke Invoke-MbxCtlProcess -ParameterFilter { ($ArgumentList -join ' ') -match 'Sup3r' -or $StdinText -match 'Sup3r' } -Times 0 -Exactly
        }
    }
}

Describe 'JSON contract' {
    It 'refuses a binary that writes another schema version, naming what to install' {
        $record = InModuleScope MbxCtl {
            function Test-Probe {
                [CmdletBinding()]
                param()
                Read-MbxDocument -Cmdlet $PSCmdlet -JsonDoc ('{"schema_version": 2, "command": "convert"}' | ConvertFrom-Json)
            }
            try { Test-Probe; $null } catch { $_ }
        }
        $record | Should -Not -BeNullOrEmpty
        $record.FullyQualifiedErrorId | Should -BeLike 'MbxCtl.SchemaMismatch*'
        $record.Exception.Message | Should -Match 'schema version 2'
        $record.Exception.Message | Should -Match 'schema version 1'
    }

    It 'fails with MbxCtl.BinaryNotFound (terminating) when the binary is missing' {
        $saved = $env:MBXCTL_PATH
        try {
            $env:MBXCTL_PATH = Join-Path ([System.IO.Path]::GetTempPath()) 'no-such-dir\mbxctl.exe'
            $caught = $null
            try { Get-MbxCmdletInfo -ErrorAction SilentlyContinue } catch { $caught = $_ }
            $caught | Should -Not -BeNullOrEmpty
            $caught.FullyQualifiedErrorId | Should -BeLike 'MbxCtl.BinaryNotFound*'
        } finally {
            $env:MBXCTL_PATH = $saved
        }
    }
}

Describe 'Convert-MbxMailbox against the LAB' {
    BeforeEach {
        $lab = New-TestLab
    }
    AfterEach {
        Remove-Item -LiteralPath $lab -Recurse -Force -ErrorAction SilentlyContinue
    }

    It '-WhatIf runs the dry run and changes nothing' {
        $out = @(Convert-MbxMailbox -Identity kim -To Shared -LabPath $lab -WhatIf)
        $out.Count | Should -Be 0
        Get-LabRecipientType -LabPath $lab -Alias 'kim' | Should -Be 'UserMailbox'
        (Invoke-LabCli -LabPath $lab -Arguments @('lab', 'audit', '--json')) | Should -Not -Match 'Set-Mailbox'
    }

    It 'converts to shared and returns a typed result with Exchange property names' {
        $result = Convert-MbxMailbox -Identity kim -To Shared -FullAccess lee -SendAs lee -AutoMapping $false -CopySentItems -LabPath $lab -Confirm:$false
        $result.PSObject.TypeNames | Should -Contain 'MbxCtl.ConversionResult'
        $result.Status | Should -Be 'Converted'
        $result.RecipientTypeDetails | Should -Be 'SharedMailbox'
        $result.AccountDisabled | Should -BeTrue
        $result.PrimarySmtpAddress | Should -Match '^kim@'
        $result.TotalItemSize | Should -Be 1325000000
        @($result.Checks | Where-Object Check -eq 'exists').Verdict | Should -Be 'Pass'
        Get-LabRecipientType -LabPath $lab -Alias 'kim' | Should -Be 'SharedMailbox'
        $audit = Invoke-LabCli -LabPath $lab -Arguments @('lab', 'audit', '--json')
        $audit | Should -Match 'Add-MailboxPermission'
        $audit | Should -Match 'Add-ADPermission'
    }

    It 'reports nothing to do for a mailbox that is already shared' {
        $result = Convert-MbxMailbox sales -To Shared -LabPath $lab -Confirm:$false
        $result.Status | Should -Be 'NothingToDo'
    }

    It 'converts back to regular with a SecureString password' {
        Convert-MbxMailbox kim -To Shared -LabPath $lab -Confirm:$false | Out-Null
        $password = ConvertTo-SecureString -String 'N3w-Passw0rd!' -AsPlainText -Force
        $result = Convert-MbxMailbox kim -To Regular -Password $password -ResetPasswordOnNextLogon -LabPath $lab -Confirm:$false
        $result.Status | Should -Be 'Converted'
        $result.RecipientTypeDetails | Should -Be 'UserMailbox'
        $result.AccountDisabled | Should -BeFalse
        Get-LabRecipientType -LabPath $lab -Alias 'kim' | Should -Be 'UserMailbox'
        (Invoke-LabCli -LabPath $lab -Arguments @('lab', 'audit', '--json')) | Should -Not -Match 'N3w-Passw0rd'
    }

    It 'reports a missing mailbox as a non-terminating MbxCtl.NotFound error and carries on' {
        $results = @(Convert-MbxMailbox -Identity 'no.such.user', 'kim' -To Shared -LabPath $lab -Confirm:$false -ErrorAction SilentlyContinue -ErrorVariable errs)
        $results.Count | Should -Be 1
        $results[0].RequestedIdentity | Should -Be 'kim'
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'MbxCtl.NotFound*'
        $errs[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $errs[0].TargetObject | Should -Be 'no.such.user'
        Get-LabRecipientType -LabPath $lab -Alias 'kim' | Should -Be 'SharedMailbox'
    }

    It 'sets $? to false after a failed mailbox' {
        Convert-MbxMailbox -Identity 'no.such.user' -To Shared -LabPath $lab -Confirm:$false -ErrorAction SilentlyContinue
        $? | Should -BeFalse
    }

    It 'blocks a linked mailbox in pre-flight and changes nothing' {
        Convert-MbxMailbox -Identity 'linked.user' -To Shared -LabPath $lab -Confirm:$false -ErrorAction SilentlyContinue -ErrorVariable errs | Should -BeNullOrEmpty
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Match '^MbxCtl\.(UnsupportedConversion|PreflightBlocked)'
        $errs[0].TargetObject | Should -Be 'linked.user'
        Get-LabRecipientType -LabPath $lab -Alias 'linked.user' | Should -Be 'LinkedMailbox'
    }

    It 'maps an access-denied failure to MbxCtl.AccessDenied' {
        Invoke-LabCli -LabPath $lab -Arguments @('lab', 'init') | Out-Null
        Invoke-LabCli -LabPath $lab -Arguments @('lab', 'faults', '--fail', 'kim') | Out-Null
        Convert-MbxMailbox -Identity kim -To Shared -LabPath $lab -Confirm:$false -ErrorAction SilentlyContinue -ErrorVariable errs | Should -BeNullOrEmpty
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'MbxCtl.AccessDenied*'
        $errs[0].CategoryInfo.Category | Should -Be 'PermissionDenied'
    }

    It 'turns a failure into an exception with -ErrorAction Stop' {
        { Convert-MbxMailbox -Identity 'no.such.user' -To Shared -LabPath $lab -Confirm:$false -ErrorAction Stop } | Should -Throw
        $caught = $null
        try { Convert-MbxMailbox -Identity 'no.such.user' -To Shared -LabPath $lab -Confirm:$false -ErrorAction Stop } catch { $caught = $_ }
        $caught.FullyQualifiedErrorId | Should -BeLike 'MbxCtl.NotFound*'
    }

    It 'runs piped Import-Csv rows as one batch with per-row grants' {
        $csv = Join-Path $lab 'leavers.csv'
        New-Item -ItemType Directory -Path $lab -Force | Out-Null
        @(
            [pscustomobject]@{ Identity = 'kim'; FullAccess = 'lee;megan'; SendAs = 'lee'; SendOnBehalf = ''; AutoMapping = 'False' }
            [pscustomobject]@{ Identity = 'alex'; FullAccess = 'megan'; SendAs = ''; SendOnBehalf = 'megan'; AutoMapping = 'True' }
        ) | Export-Csv -LiteralPath $csv -NoTypeInformation
        $results = @(Import-Csv -LiteralPath $csv | Convert-MbxMailbox -To Shared -LabPath $lab -Confirm:$false)
        $results.Count | Should -Be 2
        @($results | ForEach-Object { $_.RequestedIdentity } | Sort-Object) | Should -Be @('alex', 'kim')
        @($results | Where-Object Status -eq 'Converted').Count | Should -Be 2
        Get-LabRecipientType -LabPath $lab -Alias 'kim' | Should -Be 'SharedMailbox'
        Get-LabRecipientType -LabPath $lab -Alias 'alex' | Should -Be 'SharedMailbox'
        $runs = @(Get-MbxRun -LabPath $lab)
        $runs.Count | Should -Be 1
        $runs[0].PSObject.TypeNames | Should -Contain 'MbxCtl.Run'
        $runs[0].Finished | Should -BeTrue
        $results[0].RunId | Should -Be $runs[0].Id
    }

    It 'takes identities from the pipeline by value' {
        $results = @('kim', 'alex' | Convert-MbxMailbox -To Shared -LabPath $lab -Confirm:$false)
        $results.Count | Should -Be 2
    }

    It 'rejects a bad AutoMapping cell for that row only' {
        $rows = @(
            [pscustomobject]@{ Identity = 'kim'; AutoMapping = 'maybe' }
            [pscustomobject]@{ Identity = 'alex'; AutoMapping = 'no' }
        )
        $results = @($rows | Convert-MbxMailbox -To Shared -LabPath $lab -Confirm:$false -ErrorAction SilentlyContinue -ErrorVariable errs)
        $results.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'MbxCtl.InvalidRow*'
        $errs[0].TargetObject | Should -Be 'kim'
    }
}

Describe 'Test-MbxConversion' {
    BeforeAll { $lab = New-TestLab }
    AfterAll { Remove-Item -LiteralPath $lab -Recurse -Force -ErrorAction SilentlyContinue }

    It 'returns the pre-flight checks as objects and changes nothing' {
        $checks = @(Test-MbxConversion kim -To Shared -LabPath $lab)
        $checks.Count | Should -BeGreaterThan 3
        $checks[0].PSObject.TypeNames | Should -Contain 'MbxCtl.PreflightCheck'
        ($checks | Where-Object Check -eq 'exists').Verdict | Should -Be 'Pass'
        @($checks | Where-Object Verdict -eq 'Block').Count | Should -Be 0
        Get-LabRecipientType -LabPath $lab -Alias 'kim' | Should -Be 'UserMailbox'
    }

    It '-Quiet answers per mailbox' {
        @(Test-MbxConversion 'kim', 'no.such.user' -To Shared -LabPath $lab -Quiet) | Should -Be @($true, $false)
    }

    It 'shows the blocking check for a mailbox that cannot be converted' {
        $block = @(Test-MbxConversion 'no.such.user' -To Shared -LabPath $lab | Where-Object Verdict -eq 'Block')
        $block.Count | Should -BeGreaterThan 0
        $block[0].Check | Should -Be 'exists'
    }
}

Describe 'Runs: Get-MbxRun, Resume-MbxRun, Undo-MbxRun' {
    BeforeEach {
        $lab = New-TestLab
        @('kim', 'alex') | Convert-MbxMailbox -To Shared -LabPath $lab -Confirm:$false | Out-Null
        $run = @(Get-MbxRun -LabPath $lab)[0]
    }
    AfterEach {
        Remove-Item -LiteralPath $lab -Recurse -Force -ErrorAction SilentlyContinue
    }

    It 'shows one run with its items' {
        $detail = Get-MbxRun -Id $run.Id -LabPath $lab
        $detail.PSObject.TypeNames | Should -Contain 'MbxCtl.Run'
        @($detail.Items).Count | Should -Be 2
    }

    It 'resumes a finished run without changing or failing anything' {
        $run | Resume-MbxRun -LabPath $lab -Confirm:$false -ErrorVariable errs | Out-Null
        $errs.Count | Should -Be 0
        Get-LabRecipientType -LabPath $lab -Alias 'kim' | Should -Be 'SharedMailbox'
    }

    It 'Undo-MbxRun -WhatIf changes nothing' {
        Undo-MbxRun -Id $run.Id -LabPath $lab -WhatIf | Should -BeNullOrEmpty
        Get-LabRecipientType -LabPath $lab -Alias 'kim' | Should -Be 'SharedMailbox'
    }

    It 'Undo-MbxRun converts the mailboxes back' {
        $password = ConvertTo-SecureString -String 'N3w-Passw0rd!' -AsPlainText -Force
        Undo-MbxRun -Id $run.Id -Password $password -LabPath $lab -Confirm:$false -ErrorVariable errs | Out-Null
        $errs.Count | Should -Be 0
        Get-LabRecipientType -LabPath $lab -Alias 'kim' | Should -Be 'UserMailbox'
        Get-LabRecipientType -LabPath $lab -Alias 'alex' | Should -Be 'UserMailbox'
    }

    It 'Undo-MbxRun -WhatIf plans name the target type of each mailbox' {
        # A rollback item carries the conversion back under `convert`; -WhatIf shows its target.
        $docs = @(& $script:Exe --lab-dir $lab rollback --json --dry-run -- $run.Id 2>$null | Where-Object { $_.Trim() } | ForEach-Object { $_ | ConvertFrom-Json })
        $plans = @(InModuleScope MbxCtl -Parameters @{ Docs = $docs } {
                param($Docs)
                $state = @{}
                $Docs | ForEach-Object { Read-MbxConversionStream -JsonDoc $_ -State $state } | ForEach-Object { Format-MbxPlan -Result $_ }
            })
        $plans.Count | Should -Be 2
        foreach ($plan in $plans) { $plan | Should -Match "^Convert mailbox '(kim|alex)' to Regular( \[LAB\])? \(Planned\):" }
    }

    It 'an unknown run id is a terminating error' {
        { Resume-MbxRun -Id 'zzzz-no-such-run' -LabPath $lab -Confirm:$false } | Should -Throw
    }
}

Describe 'Format-MbxCommand' {
    It 'quotes values safely' {
        $r = Format-MbxCommand -Cmdlet Set-Mailbox -Parameters ([ordered]@{ Identity = "O'Brien"; Type = 'Shared' })
        $r.PSObject.TypeNames | Should -Contain 'MbxCtl.RenderedCommand'
        $r.Text | Should -BeExactly "Set-Mailbox -Identity 'O''Brien' -Type 'Shared'"
    }

    It 'renders Booleans, arrays and Add/Remove edits' {
        $r = Format-MbxCommand Add-MailboxPermission ([ordered]@{ Identity = 'kim'; User = 'lee'; AccessRights = @('FullAccess'); AutoMapping = $false })
        $r.Text | Should -Match "-AutoMapping \`$false"
        $r = Format-MbxCommand Set-Mailbox ([ordered]@{ Identity = 'kim'; GrantSendOnBehalfTo = @{ Add = @('lee') } })
        $r.Text | Should -Match 'Add'
        $r.Text | Should -Match "'lee'"
    }

    It 'renders piped invocations in order in one call' {
        $r = @(
            [pscustomobject]@{ Cmdlet = 'Set-Mailbox'; Parameters = [ordered]@{ Identity = 'a'; Type = 'Shared' } }
            [pscustomobject]@{ Cmdlet = 'Get-Mailbox'; Parameters = [ordered]@{ Identity = 'b' } }
        ) | Format-MbxCommand
        @($r).Count | Should -Be 2
        $r[0].Text | Should -BeExactly "Set-Mailbox -Identity 'a' -Type 'Shared'"
        $r[1].Text | Should -BeExactly "Get-Mailbox -Identity 'b'"
    }

    It 'reports an invalid parameter as a non-terminating MbxCtl.RenderFailed error' {
        $r = Format-MbxCommand Set-Mailbox ([ordered]@{ Identity = 'kim'; Typo = 'Shared' }) -ErrorAction SilentlyContinue -ErrorVariable errs
        $r | Should -BeNullOrEmpty
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'MbxCtl.RenderFailed*'
        $errs[0].Exception.Message | Should -Match 'Typo'
    }

    It 'never renders a SecureString' {
        $secret = ConvertTo-SecureString -String 'x' -AsPlainText -Force
        Format-MbxCommand Set-Mailbox ([ordered]@{ Identity = 'kim'; Password = $secret }) -ErrorAction SilentlyContinue -ErrorVariable errs | Should -BeNullOrEmpty
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'MbxCtl.RenderFailed*'
    }
}

Describe 'Test-MbxScript' {
    It 'finds no errors in the examples' {
        foreach ($script in 'leavers.ps1', 'nightly-audit.ps1') {
            $path = Join-Path $repoRoot "examples\$script"
            @(Test-MbxScript -Path $path | Where-Object Severity -eq 'Error') | Should -BeNullOrEmpty
            Test-MbxScript -Path $path -Quiet | Should -BeTrue
        }
    }

    It 'reports an unknown parameter with its line' {
        $file = Join-Path ([System.IO.Path]::GetTempPath()) ('mbxctl-pester-' + [guid]::NewGuid().ToString('N') + '.ps1')
        Set-Content -LiteralPath $file -Value @('# leavers', 'Set-Mailbox -Identity kim -Typo Shared') -Encoding UTF8
        try {
            $findings = @(Test-MbxScript -Path $file)
            $findings.Count | Should -BeGreaterThan 0
            $findings[0].PSObject.TypeNames | Should -Contain 'MbxCtl.ScriptFinding'
            $findings[0].Severity | Should -Be 'Error'
            $findings[0].Line | Should -Be 2
            $findings[0].Cmdlet | Should -Be 'Set-Mailbox'
            Test-MbxScript -Path $file -Quiet | Should -BeFalse
        } finally {
            Remove-Item -LiteralPath $file -Force
        }
    }

    It 'reports a missing file as a non-terminating MbxCtl.ScriptNotFound error' {
        Test-MbxScript -Path 'no-such-script.ps1' -ErrorAction SilentlyContinue -ErrorVariable errs | Should -BeNullOrEmpty
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'MbxCtl.ScriptNotFound*'
    }
}

Describe 'Get-MbxCmdletInfo' {
    It 'describes one cmdlet and its parameters' {
        $info = Get-MbxCmdletInfo Set-Mailbox
        @($info).Count | Should -BeGreaterThan 0
        @($info)[0].PSObject.TypeNames | Should -Contain 'MbxCtl.CmdletInfo'
        @(@($info)[0].Parameters | ForEach-Object { $_.Name }) | Should -Contain 'Type'
    }

    It 'accepts wildcards' {
        @(Get-MbxCmdletInfo 'Set-*Mailbox' | ForEach-Object { $_.Name }) | Should -Contain 'Set-RemoteMailbox'
    }

    It 'reports an unknown cmdlet as a non-terminating error' {
        Get-MbxCmdletInfo 'Set-Nothing' -ErrorAction SilentlyContinue -ErrorVariable errs | Should -BeNullOrEmpty
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'MbxCtl.CmdletNotFound*'
    }
}

Describe 'Test-MbxSession and Invoke-MbxHybridAudit' {
    BeforeAll { $lab = New-TestLab }
    AfterAll { Remove-Item -LiteralPath $lab -Recurse -Force -ErrorAction SilentlyContinue }

    It 'reports on the LAB session' {
        $info = Test-MbxSession -LabPath $lab
        $info.PSObject.TypeNames | Should -Contain 'MbxCtl.SessionInfo'
    }

    It 'audits the hybrid LAB and finds the mailboxes sync will turn back' {
        $findings = @(Invoke-MbxHybridAudit -LabPath $lab)
        $findings.Count | Should -BeGreaterThan 0
        $findings[0].PSObject.TypeNames | Should -Contain 'MbxCtl.AuditFinding'
        foreach ($f in $findings) { @('Critical', 'Warning', 'Info') | Should -Contain $f.Severity }
        @($findings | Where-Object Kind -eq 'will-revert').Count | Should -BeGreaterThan 0
    }

    It '-Fix -WhatIf changes nothing' {
        $before = Invoke-LabCli -LabPath $lab -Arguments @('lab', 'show', '--json')
        Invoke-MbxHybridAudit -LabPath $lab -Fix -WhatIf | Out-Null
        Invoke-LabCli -LabPath $lab -Arguments @('lab', 'show', '--json') | Should -BeExactly $before
    }
}
