# Test support for tests/pwsh_protocol.rs: commands that echo what arrived inside PowerShell, so the tests
# assert what PowerShell received, not only what mbxctl believes it sent. Loaded by a `custom` profile's
# Import-Module step; mbxctl itself never sends script text for these commands.

function Get-ProbeSecret {
    # Echoes a SecureString parameter as plain text together with the type PowerShell bound.
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)][System.Security.SecureString]$Value,
        [string]$Label
    )
    [pscustomobject]@{
        Label = $Label
        Type  = $Value.GetType().FullName
        Plain = [System.Net.NetworkCredential]::new('', $Value).Password
    }
}

function Get-ProbeVariableSecret {
    # Reads back a global variable that a typed Set-Variable step filled with a SecureString.
    [CmdletBinding()]
    param([Parameter(Mandatory)][string]$Name)
    $v = Get-Variable -Name $Name -Scope Global -ValueOnly
    [pscustomobject]@{
        Type  = $v.GetType().FullName
        Plain = [System.Net.NetworkCredential]::new('', $v).Password
    }
}

function New-ProbeSecret {
    # Returns a SecureString made inside PowerShell: it travels back encrypted with the session key.
    [CmdletBinding()]
    param([Parameter(Mandatory)][string]$Plain)
    ConvertTo-SecureString -String $Plain -AsPlainText -Force
}

function Get-ProbeArgs {
    # Echoes typed arguments with their .NET types.
    [CmdletBinding()]
    param([string]$Text, [int]$Number, [switch]$Flag, [string[]]$List)
    [pscustomobject]@{
        Text       = $Text
        TextType   = if ($null -ne $Text) { $Text.GetType().FullName } else { $null }
        Number     = $Number
        Flag       = [bool]$Flag
        List       = @($List) -join '|'
    }
}

Export-ModuleMember -Function Get-ProbeSecret, Get-ProbeVariableSecret, New-ProbeSecret, Get-ProbeArgs
