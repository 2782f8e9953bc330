# Test support for tests/pwsh_transport.rs: commands that echo what arrived inside PowerShell,
# write to every stream, fail in each way PowerShell can, ask the host, and sleep.
# Imported by a `custom` profile set-up step (Import-Module -Name <this file>).
# No module-level $ErrorActionPreference: a non-terminating error must stay non-terminating.

param([int]$ImportDelayMilliseconds = 0)

# A slow set-up step (as connecting to Exchange is): the batch benchmark imports with a delay.
if ($ImportDelayMilliseconds -gt 0) { Start-Sleep -Milliseconds $ImportDelayMilliseconds }

function Show-MbxArgument {
    # Echoes every bound parameter with its .NET type, as PowerShell received it.
    [CmdletBinding()]
    param(
        [string]$Text,
        [int]$Number,
        [long]$Big,
        [switch]$Flag,
        [bool]$Truth,
        [string[]]$List,
        [hashtable]$Table,
        [securestring]$Secret
    )
    $result = [ordered]@{}
    foreach ($name in $PSBoundParameters.Keys) {
        $value = $PSBoundParameters[$name]
        # if/elseif, not switch: switch would enumerate an array parameter element by element.
        $shown = if ($value -is [securestring]) {
            [System.Net.NetworkCredential]::new('', $value).Password
        } elseif ($value -is [hashtable]) {
            ($value.Keys | Sort-Object | ForEach-Object { "$_=$($value[$_] -join '|')" }) -join ';'
        } elseif ($value -is [array]) {
            $value -join '|'
        } else {
            "$value"
        }
        $result[$name] = [pscustomobject]@{ Type = $value.GetType().FullName; Value = $shown }
    }
    [pscustomobject]$result
}

function Write-MbxStream {
    # One record on every stream, then two output objects.
    [CmdletBinding()]
    param()
    Write-Verbose 'verbose text' -Verbose
    Write-Warning 'warning text'
    Write-Information -MessageData 'information text' -InformationAction Continue
    Write-Progress -Activity 'progress activity' -Status 'half' -PercentComplete 50
    Write-Debug 'debug text' -Debug
    Write-Error -Message 'non-terminating error text' -ErrorId 'MbxTest.NonTerminating' -Category ObjectNotFound -TargetObject 'kim'
    'first'
    2
}

function Invoke-MbxThrow {
    # A terminating error with an exception type of its own.
    [CmdletBinding()]
    param([string]$Message = 'terminating error text')
    $exception = [System.InvalidOperationException]::new($Message)
    $record = [System.Management.Automation.ErrorRecord]::new($exception, 'MbxTest.Terminating', 'InvalidOperation', $null)
    $PSCmdlet.ThrowTerminatingError($record)
}

function Read-MbxHost {
    # Asks the host; mbxctl must refuse instead of hanging.
    [CmdletBinding()]
    param()
    $answer = Read-Host -Prompt 'Type something'
    "answered: $answer"
}

function Start-MbxSleep {
    [CmdletBinding()]
    param([int]$Seconds = 60)
    'sleeping'
    Start-Sleep -Seconds $Seconds
    'woke up'
}

function Get-MbxProcess {
    # The PowerShell process the command ran in.
    [CmdletBinding()]
    param()
    [pscustomobject]@{ Id = $PID; Version = $PSVersionTable.PSVersion.ToString() }
}

Export-ModuleMember -Function Show-MbxArgument, Write-MbxStream, Invoke-MbxThrow, Read-MbxHost, Start-MbxSleep, Get-MbxProcess
