# A minimal Exchange stand-in for `session test` (tests/pwsh_session_test.rs): Get-ExchangeServer and
# Get-ManagementRoleAssignment shaped as they arrive over remoting. The roles the account holds come from
# MBXCTL_TEST_ROLES (comma-separated), so a test can take one away. The effective user is the account this
# PowerShell process runs as, which is what `session test` must check.

function Get-ExchangeServer {
    [CmdletBinding()]
    param([string]$Identity)
    $server = [pscustomobject]@{ Name = 'EX01'; AdminDisplayVersion = 'Version 15.2 (Build 1544.4)'; ServerRole = 'Mailbox' }
    $server.PSObject.TypeNames.Insert(0, 'Deserialized.Microsoft.Exchange.Data.Directory.Management.ExchangeServer')
    $server
}

function Get-ManagementRoleAssignment {
    [CmdletBinding()]
    param([string]$Role, [switch]$GetEffectiveUsers, [bool]$Enabled = $true)
    $held = @($env:MBXCTL_TEST_ROLES -split ',' | ForEach-Object { $_.Trim() } | Where-Object { $_ })
    $user = [Environment]::UserName
    # Somebody else always holds the role, so a check that ignores the account would wrongly pass.
    $assignments = @(@{ User = 'someone-else'; Group = 'Organization Management' })
    if ($held -contains $Role) { $assignments += @{ User = $user; Group = 'Recipient Management' } }
    foreach ($a in $assignments) {
        $o = [pscustomobject]@{
            Name = "$Role-$($a.Group)"
            Role = $Role
            RoleAssigneeName = $a.Group
            EffectiveUserName = $a.User
        }
        $o.PSObject.TypeNames.Insert(0, 'Deserialized.Microsoft.Exchange.Management.RbacTasks.ExchangeRoleAssignmentPresentation')
        $o
    }
}

Export-ModuleMember -Function Get-ExchangeServer, Get-ManagementRoleAssignment
