<#
Test support: stands in for Microsoft's ExchangeOnlineManagement module, so an `exchange-online`
profile's own set-up steps (Import-Module ExchangeOnlineManagement, Connect-ExchangeOnline -AppId
-CertificateThumbprint -Organization -ShowBanner:$false, Disconnect-ExchangeOnline) run unchanged
against the Exchange stand-in's Exchange Online side. Put tests/exchange-standin on PSModulePath.
#>

Set-StrictMode -Version 1.0

function Connect-ExchangeOnline {
    [CmdletBinding()]
    param(
        [Parameter(Mandatory = $true)] [string] $AppId,
        [Parameter(Mandatory = $true)] [string] $CertificateThumbprint,
        [Parameter(Mandatory = $true)] [string] $Organization,
        [switch] $ShowBanner
    )
    if ($Organization -notmatch '\.onmicrosoft\.com$') {
        $PSCmdlet.ThrowTerminatingError((New-Object System.Management.Automation.ErrorRecord(
                    (New-Object System.ArgumentException "Organization '$Organization' is not a tenant domain"), 'InvalidOrganization', 'InvalidArgument', $Organization)))
    }
    # The cloud cmdlets land in the session like the real module's (a global import).
    Import-Module (Join-Path (Split-Path $PSScriptRoot -Parent) 'ExchangeStandin.psd1') -ArgumentList Online -Global -Force -DisableNameChecking
}

function Disconnect-ExchangeOnline {
    [CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'High')]
    param()
    if ($PSCmdlet.ShouldProcess('Exchange Online', 'Disconnect')) {
        Remove-Module ExchangeStandin -ErrorAction SilentlyContinue
    }
}

Export-ModuleMember -Function Connect-ExchangeOnline, Disconnect-ExchangeOnline
