<#
An Exchange stand-in for mbxctl's tests against real PowerShell (test support, not shipped).

Functions with the Exchange cmdlets' names and the parameters mbxctl sends keep a small
organisation in a JSON file (the document `mbxctl lab show --json` prints, so the stand-in starts
from the LAB's default organisation) that several PowerShell processes share under a file lock.
They return objects shaped as they arrive over remoting (`Deserialized.` type names, enums and
quotas as strings such as "1.234 GB (1,325,000,000 bytes)") and raise Exchange's errors and
warnings: exception types defined with Add-Type, FullyQualifiedErrorId
`[Server=...,RequestId=...,TimeStamp=...] [FailureCategory=Cmdlet-<Exception>] <HEX>,<task type>`,
CategoryInfo NotSpecified with the exception's name as reason, non-terminating like Exchange's.

    Import-Module ExchangeStandin.psd1 -ArgumentList OnPremises   # or Online (Exchange Online)

Environment:
    MBXCTL_STANDIN_ORG   the organisation file (required)
    MBXCTL_STANDIN_LOG   a JSON Lines file each call appends to (default: <org>.calls.jsonl)

Every call appends {pid, side, cmdlet, params, result, changed, target} to the log; a
SecureString parameter is logged as its length and SHA-256, never as text. Faults are read from
the organisation file's `StandinFaults`: `Throttle` (the next N calls end with Exchange's
throttling error), `Fail` (aliases whose changes fail with Active Directory's access denied),
`Hang` (seconds every Set-Mailbox -Type first sleeps, outside the lock, after logging a
'hanging' line: a command that hangs on the server, for the tests of PSRP's stop).

No module-level $ErrorActionPreference = 'Stop': that would turn Exchange's non-terminating errors
into terminating ones. Each function stops on its own errors only.
#>
param([ValidateSet('OnPremises', 'Online')] [string] $Side = 'OnPremises')

Set-StrictMode -Version 1.0

$script:Side = $Side
$script:OrgPath = $env:MBXCTL_STANDIN_ORG
if (-not $script:OrgPath) { throw 'ExchangeStandin: set MBXCTL_STANDIN_ORG to the organisation file (mbxctl lab show --json).' }
$script:LogPath = $env:MBXCTL_STANDIN_LOG
if (-not $script:LogPath) { $script:LogPath = $script:OrgPath + '.calls.jsonl' }
$script:Utf8 = New-Object System.Text.UTF8Encoding($false)
$script:Invariant = [System.Globalization.CultureInfo]::InvariantCulture

if (-not ('Microsoft.Exchange.Configuration.Tasks.ManagementObjectNotFoundException' -as [type])) {
    Add-Type -TypeDefinition @'
namespace Microsoft.Exchange.Configuration.Tasks {
    public class ManagementObjectNotFoundException : System.Exception { public ManagementObjectNotFoundException(string m) : base(m) {} }
    public class ManagementObjectAmbiguousException : System.Exception { public ManagementObjectAmbiguousException(string m) : base(m) {} }
    public class TaskInvalidOperationException : System.Exception { public TaskInvalidOperationException(string m) : base(m) {} }
}
namespace Microsoft.Exchange.Management.Tasks {
    public class RecipientTaskException : System.Exception { public RecipientTaskException(string m) : base(m) {} }
}
namespace Microsoft.Exchange.Data.Directory {
    public class ADOperationException : System.Exception { public ADOperationException(string m) : base(m) {} }
}
'@
}

#region Type names (as remoting delivers them: Deserialized.<type>)

$script:Chain = @{
    Mailbox        = @('Microsoft.Exchange.Data.Directory.Management.Mailbox', 'Microsoft.Exchange.Data.Directory.Management.MailEnabledOrgPerson',
        'Microsoft.Exchange.Data.Directory.Management.MailEnabledRecipient', 'Microsoft.Exchange.Data.Directory.Management.ADPresentationObject',
        'Microsoft.Exchange.Data.Directory.ADObject', 'Microsoft.Exchange.Data.Directory.ADRawEntry', 'Microsoft.Exchange.Data.ConfigurableObject', 'System.Object')
    RemoteMailbox  = @('Microsoft.Exchange.Data.Directory.Management.RemoteMailbox', 'Microsoft.Exchange.Data.Directory.Management.MailUser',
        'Microsoft.Exchange.Data.Directory.Management.MailEnabledOrgPerson', 'Microsoft.Exchange.Data.Directory.Management.MailEnabledRecipient',
        'Microsoft.Exchange.Data.Directory.Management.ADPresentationObject', 'Microsoft.Exchange.Data.Directory.ADObject',
        'Microsoft.Exchange.Data.Directory.ADRawEntry', 'Microsoft.Exchange.Data.ConfigurableObject', 'System.Object')
    User           = @('Microsoft.Exchange.Data.Directory.Management.User', 'Microsoft.Exchange.Data.Directory.Management.ADPresentationObject',
        'Microsoft.Exchange.Data.Directory.ADObject', 'Microsoft.Exchange.Data.Directory.ADRawEntry', 'Microsoft.Exchange.Data.ConfigurableObject', 'System.Object')
    Recipient      = @('Microsoft.Exchange.Data.Directory.Management.ReducedRecipient', 'Microsoft.Exchange.Data.Directory.ADObject',
        'Microsoft.Exchange.Data.Directory.ADRawEntry', 'Microsoft.Exchange.Data.ConfigurableObject', 'System.Object')
    Statistics     = @('Microsoft.Exchange.Management.MapiTasks.Presentation.MailboxStatistics', 'Microsoft.Exchange.Data.Mapi.MailboxStatistics',
        'Microsoft.Exchange.Data.Mapi.MailboxEntry', 'Microsoft.Exchange.Data.Mapi.MessageStore', 'Microsoft.Exchange.Data.Mapi.MapiObject',
        'Microsoft.Exchange.Data.ConfigurableObject', 'System.Object')
    Server         = @('Microsoft.Exchange.Data.Directory.Management.ExchangeServer', 'Microsoft.Exchange.Data.Directory.Management.ADPresentationObject',
        'Microsoft.Exchange.Data.Directory.ADObject', 'Microsoft.Exchange.Data.Directory.ADRawEntry', 'Microsoft.Exchange.Data.ConfigurableObject', 'System.Object')
    MailboxAce     = @('Microsoft.Exchange.Management.RecipientTasks.MailboxAcePresentationObject', 'Microsoft.Exchange.Management.RecipientTasks.AcePresentationObject',
        'Microsoft.Exchange.Data.ConfigurableObject', 'System.Object')
    AdAce          = @('Microsoft.Exchange.Management.RecipientTasks.ADAcePresentationObject', 'Microsoft.Exchange.Management.RecipientTasks.AcePresentationObject',
        'Microsoft.Exchange.Data.ConfigurableObject', 'System.Object')
    RecipientAce   = @('Microsoft.Exchange.Data.Directory.Permission.RecipientPermission', 'Microsoft.Exchange.Data.ConfigurableObject', 'System.Object')
    RoleAssignment = @('Microsoft.Exchange.Data.Directory.Management.ExchangeRoleAssignmentPresentation', 'Microsoft.Exchange.Data.Directory.Management.ADPresentationObject',
        'Microsoft.Exchange.Data.Directory.ADObject', 'Microsoft.Exchange.Data.Directory.ADRawEntry', 'Microsoft.Exchange.Data.ConfigurableObject', 'System.Object')
    ExoMailbox     = @('Microsoft.Exchange.Management.AdminApiProvider.ExoMailbox', 'System.Object')
}

# The .NET task type each cmdlet has in Exchange (the tail of its FullyQualifiedErrorId).
$script:TaskType = @{
    'Get-Mailbox'                  = 'Microsoft.Exchange.Management.RecipientTasks.GetMailbox'
    'Set-Mailbox'                  = 'Microsoft.Exchange.Management.RecipientTasks.SetMailbox'
    'Get-MailboxStatistics'        = 'Microsoft.Exchange.Management.MapiTasks.GetMailboxStatistics'
    'Get-Recipient'                = 'Microsoft.Exchange.Management.RecipientTasks.GetRecipient'
    'Get-User'                     = 'Microsoft.Exchange.Management.RecipientTasks.GetUser'
    'Get-MailboxPermission'        = 'Microsoft.Exchange.Management.RecipientTasks.GetMailboxPermission'
    'Add-MailboxPermission'        = 'Microsoft.Exchange.Management.RecipientTasks.AddMailboxPermission'
    'Remove-MailboxPermission'     = 'Microsoft.Exchange.Management.RecipientTasks.RemoveMailboxPermission'
    'Get-ADPermission'             = 'Microsoft.Exchange.Management.RecipientTasks.GetADPermission'
    'Add-ADPermission'             = 'Microsoft.Exchange.Management.RecipientTasks.AddADPermission'
    'Remove-ADPermission'          = 'Microsoft.Exchange.Management.RecipientTasks.RemoveADPermission'
    'Get-RemoteMailbox'            = 'Microsoft.Exchange.Management.RecipientTasks.GetRemoteMailbox'
    'Set-RemoteMailbox'            = 'Microsoft.Exchange.Management.RecipientTasks.SetRemoteMailbox'
    'Get-ExchangeServer'           = 'Microsoft.Exchange.Management.SystemConfigurationTasks.GetExchangeServer'
    'Get-ManagementRoleAssignment' = 'Microsoft.Exchange.Management.RbacTasks.GetManagementRoleAssignment'
    'Get-EXOMailbox'               = 'Microsoft.Exchange.Management.RestApiClient.GetExoMailbox'
    'Add-RecipientPermission'      = 'Microsoft.Exchange.Management.RecipientTasks.AddRecipientPermission'
    'Remove-RecipientPermission'   = 'Microsoft.Exchange.Management.RecipientTasks.RemoveRecipientPermission'
}

#endregion

#region The organisation file, under a lock

function Open-StandinOrg {
    # Opens the organisation file exclusively (FileShare.None), retrying while another process
    # holds it, and reads it. Close-StandinOrg writes it back (with -Save) and releases it.
    $stream = $null
    $deadline = [DateTime]::UtcNow.AddSeconds(60)
    while ($null -eq $stream) {
        try {
            $stream = [System.IO.File]::Open($script:OrgPath, [System.IO.FileMode]::Open, [System.IO.FileAccess]::ReadWrite, [System.IO.FileShare]::None)
        } catch [System.IO.IOException] {
            if ([DateTime]::UtcNow -gt $deadline) { throw "ExchangeStandin: $($script:OrgPath) stayed locked for 60 s" }
            Start-Sleep -Milliseconds (Get-Random -Minimum 5 -Maximum 30)
        }
    }
    try {
        $buffer = New-Object byte[] $stream.Length
        $read = 0
        while ($read -lt $buffer.Length) {
            $n = $stream.Read($buffer, $read, $buffer.Length - $read)
            if ($n -le 0) { break }
            $read += $n
        }
        $org = $script:Utf8.GetString($buffer, 0, $read) | ConvertFrom-Json
    } catch {
        $stream.Dispose()
        throw
    }
    [pscustomobject]@{ Stream = $stream; Org = $org }
}

function Close-StandinOrg {
    param($Handle, [switch] $Save)
    try {
        if ($Save) {
            $bytes = $script:Utf8.GetBytes(($Handle.Org | ConvertTo-Json -Depth 20))
            $Handle.Stream.SetLength(0)
            $Handle.Stream.Position = 0
            $Handle.Stream.Write($bytes, 0, $bytes.Length)
            $Handle.Stream.Flush()
        }
    } finally {
        $Handle.Stream.Dispose()
    }
}

function Set-StandinProperty {
    # Sets a property on a JSON object, adding it when the file did not have it.
    param($Object, [string] $Name, $Value)
    if ($Object.PSObject.Properties[$Name]) { $Object.$Name = $Value }
    else { Add-Member -InputObject $Object -MemberType NoteProperty -Name $Name -Value $Value }
}

function Get-StandinValue {
    param($Object, [string] $Name)
    $p = $Object.PSObject.Properties[$Name]
    if ($p) { return $p.Value }
    $null
}

function ConvertTo-StandinLogValue {
    param($Value)
    if ($null -eq $Value) { return $null }
    if ($Value -is [System.Security.SecureString]) {
        $bstr = [System.Runtime.InteropServices.Marshal]::SecureStringToBSTR($Value)
        try {
            $plain = [System.Runtime.InteropServices.Marshal]::PtrToStringBSTR($bstr)
        } finally {
            [System.Runtime.InteropServices.Marshal]::ZeroFreeBSTR($bstr)
        }
        $sha = [System.Security.Cryptography.SHA256]::Create()
        $hash = ($sha.ComputeHash($script:Utf8.GetBytes($plain)) | ForEach-Object { $_.ToString('x2') }) -join ''
        return [ordered]@{ SecureString = $true; Length = $Value.Length; Sha256 = $hash }
    }
    if ($Value -is [System.Management.Automation.SwitchParameter]) { return $Value.IsPresent }
    if ($Value -is [System.Collections.IDictionary]) {
        $out = [ordered]@{}
        foreach ($k in $Value.Keys) { $out[[string]$k] = ConvertTo-StandinLogValue $Value[$k] }
        return $out
    }
    if ($Value -is [System.Array]) { return , @($Value | ForEach-Object { ConvertTo-StandinLogValue $_ }) }
    if ($Value -is [bool] -or $Value -is [int] -or $Value -is [long]) { return $Value }
    [string]$Value
}

function Write-StandinLog {
    # One JSON line per call, appended under its own exclusive lock.
    param([string] $Cmdlet, [System.Collections.IDictionary] $Bound, [string] $Result, [bool] $Changed, [string] $Target)
    $params = [ordered]@{}
    foreach ($k in $Bound.Keys) { $params[[string]$k] = ConvertTo-StandinLogValue $Bound[$k] }
    $line = [ordered]@{
        time = [DateTime]::UtcNow.ToString('o'); pid = $PID; side = $script:Side; cmdlet = $Cmdlet
        params = $params; result = $Result; changed = $Changed; target = $Target
    } | ConvertTo-Json -Depth 8 -Compress
    $bytes = $script:Utf8.GetBytes($line + "`n")
    $deadline = [DateTime]::UtcNow.AddSeconds(30)
    while ($true) {
        try {
            $stream = [System.IO.File]::Open($script:LogPath, [System.IO.FileMode]::Append, [System.IO.FileAccess]::Write, [System.IO.FileShare]::None)
            try { $stream.Write($bytes, 0, $bytes.Length) } finally { $stream.Dispose() }
            return
        } catch [System.IO.IOException] {
            if ([DateTime]::UtcNow -gt $deadline) { throw }
            Start-Sleep -Milliseconds (Get-Random -Minimum 2 -Maximum 15)
        }
    }
}

#endregion

#region Exchange's records and value formats

function Get-StandinTimestamp {
    [DateTime]::UtcNow.ToString('M/d/yyyy h:mm:ss tt', $script:Invariant)
}

function New-StandinErrorRecord {
    # An Exchange error (reference §6.1): the exception type by name, NotSpecified, the
    # FullyQualifiedErrorId with server, request id, timestamp, failure category, a stable hex code
    # and the cmdlet's .NET task type.
    param([string] $Cmdlet, [string] $Exception, [string] $Message, $Target)
    $ex = New-Object -TypeName $Exception -ArgumentList $Message
    $short = $Exception.Split('.')[-1]
    $md5 = [System.Security.Cryptography.MD5]::Create()
    $code = ($md5.ComputeHash($script:Utf8.GetBytes("$Exception|$Cmdlet"))[0..3] | ForEach-Object { $_.ToString('X2') }) -join ''
    if ($script:Side -eq 'OnPremises') {
        $fqid = "[Server=EX01,RequestId=$([guid]::NewGuid()),TimeStamp=$(Get-StandinTimestamp)] [FailureCategory=Cmdlet-$short] $code,$($script:TaskType[$Cmdlet])"
    } else {
        $ex = New-Object -TypeName $Exception -ArgumentList ("Ex$($code.Substring(2))|$Exception|$Message")
        $fqid = "[Server=AM0PR01MB1234,RequestId=$([guid]::NewGuid()),TimeStamp=$([DateTime]::UtcNow.ToString('r'))],Write-ErrorMessage"
    }
    $record = New-Object System.Management.Automation.ErrorRecord($ex, $fqid, [System.Management.Automation.ErrorCategory]::NotSpecified, $Target)
    # PowerShell appends ",<function name>" to the id of a record a function writes; Exchange's
    # cmdlets append their .NET type, already in $fqid. The serialized-id field keeps it exact.
    $field = [System.Management.Automation.ErrorRecord].GetField('_serializedFullyQualifiedErrorId', [System.Reflection.BindingFlags]'NonPublic,Instance')
    if ($field) { $field.SetValue($record, $fqid) }
    $record
}

function Format-StandinSize {
    # "1.234 GB (1,325,000,000 bytes)" as Exchange prints a ByteQuantifiedSize.
    param([long] $Bytes)
    $units = @(@('TB', ([long]1 -shl 40)), @('GB', ([long]1 -shl 30)), @('MB', ([long]1 -shl 20)), @('KB', [long]1024), @('B', [long]1))
    $unit = $units[-1]
    foreach ($u in $units) { if ($Bytes -ge $u[1]) { $unit = $u; break } }
    $value = ([double]$Bytes / $unit[1]).ToString('G4', $script:Invariant)
    '{0} {1} ({2} bytes)' -f $value, $unit[0], $Bytes.ToString('N0', $script:Invariant)
}

function New-StandinObject {
    # A PSCustomObject with a Deserialized. type chain, as remoting delivers Exchange objects.
    param([string[]] $Chain, [System.Collections.Specialized.OrderedDictionary] $Properties)
    $o = New-Object PSObject -Property $Properties
    $o.PSObject.TypeNames.Clear()
    foreach ($t in $Chain) { $o.PSObject.TypeNames.Add('Deserialized.' + $t) }
    $o
}

function New-StandinList {
    # A multi-valued property: a list with its Exchange type name.
    param([string] $TypeName, [object[]] $Items)
    $list = New-Object System.Collections.ArrayList
    foreach ($i in @($Items)) { if ($null -ne $i) { [void]$list.Add([string]$i) } }
    $wrapped = [psobject]$list
    $wrapped.PSObject.TypeNames.Clear()
    $wrapped.PSObject.TypeNames.Add('Deserialized.' + $TypeName)
    $wrapped.PSObject.TypeNames.Add('Deserialized.Microsoft.Exchange.Data.MultiValuedPropertyBase')
    $wrapped.PSObject.TypeNames.Add('Deserialized.System.Object')
    , $wrapped
}

#endregion

#region The organisation's objects

function Get-StandinOrgName { param($Org) $Org.Organization }

function Get-StandinDc { param($Org) [string]$Org.Organization.DomainController }

function Get-StandinIdentity {
    param($R)
    "$(Get-StandinValue $R 'OrganizationalUnit')/$($R.Name)"
}

function Get-StandinDn {
    param($R)
    $ou = [string](Get-StandinValue $R 'OrganizationalUnit')
    $parts = @($ou.Split('/'))
    $domain = $parts[0]
    $dn = "CN=$($R.Name)"
    for ($i = $parts.Count - 1; $i -ge 1; $i--) {
        $kind = 'OU'
        if ($i -eq 1 -and $parts[$i] -eq 'Users') { $kind = 'CN' }
        $dn += ",$kind=$($parts[$i])"
    }
    foreach ($dc in $domain.Split('.')) { $dn += ",DC=$dc" }
    $dn
}

function Test-StandinLocalMailbox {
    param([string] $Type)
    @('UserMailbox', 'LinkedMailbox', 'SharedMailbox', 'LegacyMailbox', 'RoomMailbox', 'EquipmentMailbox', 'DiscoveryMailbox', 'TeamMailbox', 'LinkedRoomMailbox') -contains $Type
}

function Test-StandinRemoteMailbox {
    param([string] $Type)
    @('RemoteUserMailbox', 'RemoteSharedMailbox', 'RemoteRoomMailbox', 'RemoteEquipmentMailbox') -contains $Type
}

function Get-StandinKeys {
    # Every identity form that finds this recipient (reference §6.2): alias, name, display name,
    # addresses, UPN, SAM account (bare and DOMAIN\), GUIDs, canonical identity, DN.
    param($Org, $R)
    $keys = New-Object System.Collections.Generic.List[string]
    foreach ($name in 'Alias', 'Name', 'DisplayName', 'PrimarySmtpAddress', 'UserPrincipalName', 'SamAccountName', 'Guid', 'ExchangeGuid', 'ExternalDirectoryObjectId') {
        $v = Get-StandinValue $R $name
        if ($v) { $keys.Add(([string]$v).ToLowerInvariant()) }
    }
    $sam = Get-StandinValue $R 'SamAccountName'
    if ($sam) { $keys.Add(("$($Org.Organization.NetBiosName)\$sam").ToLowerInvariant()) }
    foreach ($a in @(Get-StandinValue $R 'EmailAddresses')) {
        if ($a) { $keys.Add((([string]$a) -replace '^smtp:', '').ToLowerInvariant()) }
    }
    if (Get-StandinValue $R 'OrganizationalUnit') {
        $keys.Add((Get-StandinIdentity $R).ToLowerInvariant())
        $keys.Add((Get-StandinDn $R).ToLowerInvariant())
    }
    $keys
}

function Find-StandinRecipient {
    # The recipients an identity names, among those $Filter accepts.
    param($Org, [string] $Identity, [scriptblock] $Filter)
    $key = $Identity.Trim().ToLowerInvariant()
    $pool = $Org.OnPremises.Recipients
    if ($script:Side -eq 'Online') { $pool = $Org.Online.Mailboxes }
    @(foreach ($r in @($pool)) {
            if ($null -eq $r) { continue }
            if ($Filter -and -not (& $Filter $r)) { continue }
            if ((Get-StandinKeys -Org $Org -R $r) -contains $key) { $r }
        })
}

function Resolve-StandinOne {
    # Exactly one recipient, or the not-found / ambiguous error written for $Cmdlet (then $null).
    param($Cmdlet, [string] $Name, $Org, [string] $Identity, [scriptblock] $Filter, [switch] $ParameterValue)
    $hits = @(Find-StandinRecipient -Org $Org -Identity $Identity -Filter $Filter)
    if ($hits.Count -eq 1) { return $hits[0] }
    if ($hits.Count -gt 1) {
        Write-StandinError -Cmdlet $Cmdlet -Name $Name -Exception 'Microsoft.Exchange.Configuration.Tasks.ManagementObjectAmbiguousException' `
            -Message "The operation couldn't be performed because '$Identity' matches multiple entries." -Target $Identity
        return $null
    }
    $message = "The operation couldn't be performed because object '$Identity' couldn't be found on '$(Get-StandinDc $Org)'."
    if ($ParameterValue) {
        $message = "Couldn't find object `"$Identity`". Please make sure that it was spelled correctly or specify a different object."
    }
    Write-StandinError -Cmdlet $Cmdlet -Name $Name -Exception 'Microsoft.Exchange.Configuration.Tasks.ManagementObjectNotFoundException' `
        -Message $message -Target $Identity
    $null
}

function Test-StandinThrottled {
    # The Throttle fault: the next N calls end with Exchange's throttling error (terminating, as
    # the budget error breaks the pipeline, reference §5.1).
    param($Cmdlet, $Org)
    $faults = Get-StandinValue $Org 'StandinFaults'
    if (-not $faults) { return $false }
    $left = [int](Get-StandinValue $faults 'Throttle')
    if ($left -le 0) { return $false }
    Set-StandinProperty $faults 'Throttle' ($left - 1)
    $true
}

function Stop-StandinThrottled {
    param($Cmdlet)
    $ex = New-Object System.Management.Automation.Remoting.PSRemotingTransportException 'Operation aborted because the operation has exceeded your throttling policy budget. Please wait for 2 seconds.'
    $fqid = "[Server=EX01,RequestId=$([guid]::NewGuid()),TimeStamp=$(Get-StandinTimestamp)] [FailureCategory=AuthZ-CmdletThrottlingException] PSSessionStateBroken"
    $record = New-Object System.Management.Automation.ErrorRecord($ex, $fqid, [System.Management.Automation.ErrorCategory]::LimitsExceeded, $null)
    $field = [System.Management.Automation.ErrorRecord].GetField('_serializedFullyQualifiedErrorId', [System.Reflection.BindingFlags]'NonPublic,Instance')
    if ($field) { $field.SetValue($record, $fqid) }
    $Cmdlet.ThrowTerminatingError($record)
}

function Test-StandinDenied {
    # The Fail fault: changing this recipient fails with Active Directory's access denied.
    param($Cmdlet, [string] $Name, $Org, $R, [string] $Identity)
    $faults = Get-StandinValue $Org 'StandinFaults'
    if (-not $faults) { return $false }
    $keys = Get-StandinKeys -Org $Org -R $R
    foreach ($f in @(Get-StandinValue $faults 'Fail')) {
        if ($f -and $keys -contains ([string]$f).ToLowerInvariant()) {
            $dc = Get-StandinDc $Org
            Write-StandinError -Cmdlet $Cmdlet -Name $Name -Exception 'Microsoft.Exchange.Data.Directory.ADOperationException' -Target $Identity -Message (
                "Active Directory operation failed on $dc. This error is not retriable. Additional information: Insufficient access rights to perform the operation.`r`n" +
                "Active directory response: 00002098: SecErr: DSID-03150889, problem 4003 (INSUF_ACCESS_RIGHTS), data 0`r`n")
            return $true
        }
    }
    $false
}

function Wait-StandinHang {
    # The Hang fault: a type change first sleeps StandinFaults.Hang seconds, outside the lock, like
    # a command hanging on the server. A PSRP stop interrupts the sleep and nothing changes.
    param([string] $Cmdlet, [System.Collections.IDictionary] $Bound, [string] $Identity)
    $handle = Open-StandinOrg
    try {
        $faults = Get-StandinValue $handle.Org 'StandinFaults'
        $seconds = 0
        if ($faults) { $seconds = [int](Get-StandinValue $faults 'Hang') }
    } finally {
        Close-StandinOrg -Handle $handle
    }
    if ($seconds -le 0) { return }
    Write-StandinLog -Cmdlet $Cmdlet -Bound $Bound -Result 'hanging' -Changed $false -Target $Identity
    Start-Sleep -Seconds $seconds
}

function Get-StandinServer {
    param($Org, $R)
    $db = Get-StandinValue $R 'Database'
    if (-not $db) { return $null }
    $database = @($Org.OnPremises.Databases | Where-Object { $_.Name -eq $db })[0]
    if (-not $database) { return $null }
    @($Org.OnPremises.Servers | Where-Object { $_.Name -eq $database.Server })[0]
}

function ConvertTo-StandinMailbox {
    # Get-Mailbox output (on-premises), the properties mbxctl and admins read.
    param($Org, $R)
    $t = [string]$R.RecipientTypeDetails
    $disabled = [bool](Get-StandinValue $R 'AccountDisabled')
    $server = Get-StandinServer -Org $Org -R $R
    $archive = Get-StandinValue $R 'ArchiveGuid'
    $smtp = [string](Get-StandinValue $R 'PrimarySmtpAddress')
    $rrt = Get-StandinValue $R 'RemoteRecipientType'
    if (-not $rrt) { $rrt = 'None' }
    $recipientType = 'UserMailbox'
    $serverVersion = $null
    $serverName = $null
    if ($server) { $serverVersion = $server.AdminDisplayVersion; $serverName = ([string]$server.Name).ToLowerInvariant() }
    $archiveName = @()
    if ($archive) { $archiveName = @(Get-StandinValue $R 'ArchiveName') }
    $p = [ordered]@{
        Database                          = Get-StandinValue $R 'Database'
        MessageCopyForSentAsEnabled       = [bool](Get-StandinValue $R 'MessageCopyForSentAsEnabled')
        MessageCopyForSendOnBehalfEnabled = [bool](Get-StandinValue $R 'MessageCopyForSendOnBehalfEnabled')
        LitigationHoldEnabled             = [bool](Get-StandinValue $R 'LitigationHoldEnabled')
        RetentionHoldEnabled              = $false
        ExchangeGuid                      = [guid][string](Get-StandinValue $R 'ExchangeGuid')
        ExchangeUserAccountControl        = $(if ($disabled) { 'AccountDisabled' } else { 'None' })
        AdminDisplayVersion               = $serverVersion
        IsMailboxEnabled                  = $true
        ProhibitSendQuota                 = 'Unlimited'
        ProhibitSendReceiveQuota          = 'Unlimited'
        IssueWarningQuota                 = 'Unlimited'
        RecoverableItemsQuota             = Format-StandinSize 32212254720
        IsResource                        = @('RoomMailbox', 'EquipmentMailbox') -contains $t
        IsLinked                          = $t -eq 'LinkedMailbox'
        IsShared                          = $t -eq 'SharedMailbox'
        LinkedMasterAccount               = [string](Get-StandinValue $R 'LinkedMasterAccount')
        ResetPasswordOnNextLogon          = [bool](Get-StandinValue $R 'ResetPasswordOnNextLogon')
        SamAccountName                    = Get-StandinValue $R 'SamAccountName'
        ServerName                        = $serverName
        UseDatabaseQuotaDefaults          = $true
        UserPrincipalName                 = Get-StandinValue $R 'UserPrincipalName'
        ArchiveDatabase                   = $(if ($archive) { Get-StandinValue $R 'ArchiveDatabase' } else { $null })
        ArchiveGuid                       = $(if ($archive) { [guid][string]$archive } else { [guid]::Empty })
        ArchiveName                       = New-StandinList 'Microsoft.Exchange.Data.MultiValuedProperty`1[[System.String, mscorlib, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089]]' $archiveName
        ArchiveQuota                      = Format-StandinSize 107374182400
        ArchiveStatus                     = $(if ($archive) { 'Active' } else { 'None' })
        ArchiveState                      = $(if ($archive) { 'Local' } else { 'None' })
        RemoteRecipientType               = [string]$rrt
        WhenMailboxCreated                = $(if (Get-StandinValue $R 'WhenMailboxCreated') { [DateTime]::Parse([string](Get-StandinValue $R 'WhenMailboxCreated'), $script:Invariant, [System.Globalization.DateTimeStyles]::AdjustToUniversal) } else { $null })
        InPlaceHolds                      = New-StandinList 'Microsoft.Exchange.Data.MultiValuedProperty`1[[System.String, mscorlib, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089]]' @(Get-StandinValue $R 'InPlaceHolds')
        AccountDisabled                   = $disabled
        Alias                             = [string]$R.Alias
        OrganizationalUnit                = Get-StandinValue $R 'OrganizationalUnit'
        DisplayName                       = Get-StandinValue $R 'DisplayName'
        EmailAddresses                    = New-StandinList 'Microsoft.Exchange.Data.ProxyAddressCollection' @(Get-StandinValue $R 'EmailAddresses')
        GrantSendOnBehalfTo               = New-StandinList 'Microsoft.Exchange.Data.Directory.ADMultiValuedProperty`1[[Microsoft.Exchange.Data.Directory.ADObjectId, Microsoft.Exchange.Data.Directory, Version=15.0.0.0, Culture=neutral, PublicKeyToken=31bf3856ad364e35]]' @(Get-StandinValue $R 'GrantSendOnBehalfTo')
        HiddenFromAddressListsEnabled     = $t -eq 'DiscoveryMailbox'
        LegacyExchangeDN                  = "/o=$($Org.Organization.Name)/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)/cn=Recipients/cn=$($R.Alias)"
        PrimarySmtpAddress                = $smtp
        RecipientType                     = $recipientType
        RecipientTypeDetails              = $t
        WindowsEmailAddress               = $smtp
        Identity                          = Get-StandinIdentity $R
        IsValid                           = $true
        ExchangeVersion                   = '0.20 (15.0.0.0)'
        Name                              = [string]$R.Name
        DistinguishedName                 = Get-StandinDn $R
        Guid                              = [guid][string]$R.Guid
        Id                                = Get-StandinIdentity $R
        OriginatingServer                 = (Get-StandinDc $Org).ToLowerInvariant()
        ObjectState                       = 'Unchanged'
    }
    New-StandinObject -Chain $script:Chain.Mailbox -Properties $p
}

function ConvertTo-StandinCloudMailbox {
    # Exchange Online Get-Mailbox / Get-EXOMailbox output.
    param($Org, $M, [switch] $Exo)
    $sku = [bool](Get-StandinValue $M 'SKUAssigned')
    $archive = Get-StandinValue $M 'ArchiveGuid'
    $quota = Format-StandinSize 53687091200
    if ($sku) { $quota = Format-StandinSize 107374182400 }
    $p = [ordered]@{
        Name                  = [string]$M.Name
        Alias                 = [string](Get-StandinValue $M 'Alias')
        DisplayName           = Get-StandinValue $M 'DisplayName'
        UserPrincipalName     = Get-StandinValue $M 'UserPrincipalName'
        PrimarySmtpAddress    = [string](Get-StandinValue $M 'PrimarySmtpAddress')
        EmailAddresses        = New-StandinList 'Microsoft.Exchange.Data.ProxyAddressCollection' @(Get-StandinValue $M 'EmailAddresses')
        RecipientTypeDetails  = [string]$M.RecipientTypeDetails
        ExternalDirectoryObjectId = Get-StandinValue $M 'ExternalDirectoryObjectId'
        Guid                  = [guid][string]$M.Guid
        ExchangeGuid          = [guid][string](Get-StandinValue $M 'ExchangeGuid')
        ImmutableId           = Get-StandinValue $M 'ImmutableId'
        SKUAssigned           = $sku
        LitigationHoldEnabled = [bool](Get-StandinValue $M 'LitigationHoldEnabled')
        InPlaceHolds          = New-StandinList 'Microsoft.Exchange.Data.MultiValuedProperty`1[[System.String, mscorlib, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089]]' @(Get-StandinValue $M 'InPlaceHolds')
        ArchiveGuid           = $(if ($archive) { [guid][string]$archive } else { [guid]::Empty })
        ArchiveStatus         = $(if ($archive) { 'Active' } else { 'None' })
        ProhibitSendReceiveQuota = $quota
        Database              = Get-StandinValue $M 'Database'
        Identity              = [string]$M.Name
    }
    $chain = $script:Chain.Mailbox
    if ($Exo) { $chain = $script:Chain.ExoMailbox }
    New-StandinObject -Chain $chain -Properties $p
}

function ConvertTo-StandinRecipient {
    param($Org, $R)
    $t = [string]$R.RecipientTypeDetails
    $type = 'User'
    if (Test-StandinLocalMailbox $t) { $type = 'UserMailbox' } elseif (Test-StandinRemoteMailbox $t) { $type = 'MailUser' }
    $routing = Get-StandinValue $R 'RemoteRoutingAddress'
    $p = [ordered]@{
        Alias                = [string](Get-StandinValue $R 'Alias')
        ArchiveGuid          = $(if (Get-StandinValue $R 'ArchiveGuid') { [guid][string](Get-StandinValue $R 'ArchiveGuid') } else { [guid]::Empty })
        Database             = Get-StandinValue $R 'Database'
        DisplayName          = Get-StandinValue $R 'DisplayName'
        EmailAddresses       = New-StandinList 'Microsoft.Exchange.Data.ProxyAddressCollection' @(Get-StandinValue $R 'EmailAddresses')
        ExchangeGuid         = $(if (Get-StandinValue $R 'ExchangeGuid') { [guid][string](Get-StandinValue $R 'ExchangeGuid') } else { [guid]::Empty })
        ExternalEmailAddress = $(if ($routing) { "SMTP:$routing" } else { $null })
        OrganizationalUnit   = Get-StandinValue $R 'OrganizationalUnit'
        PrimarySmtpAddress   = [string](Get-StandinValue $R 'PrimarySmtpAddress')
        RecipientType        = $type
        RecipientTypeDetails = $t
        SamAccountName       = Get-StandinValue $R 'SamAccountName'
        Identity             = $(if ($script:Side -eq 'Online') { [string]$R.Name } else { Get-StandinIdentity $R })
        Name                 = [string]$R.Name
        Guid                 = [guid][string]$R.Guid
    }
    if ($script:Side -eq 'Online') {
        $p.RecipientType = 'UserMailbox'
        $p['SKUAssigned'] = [bool](Get-StandinValue $R 'SKUAssigned')
    } else {
        $p['DistinguishedName'] = Get-StandinDn $R
        $p['OriginatingServer'] = (Get-StandinDc $Org).ToLowerInvariant()
    }
    New-StandinObject -Chain $script:Chain.Recipient -Properties $p
}

function ConvertTo-StandinRemoteMailbox {
    param($Org, $R)
    $rrt = [string](Get-StandinValue $R 'RemoteRecipientType')
    $archive = Get-StandinValue $R 'ArchiveGuid'
    $p = [ordered]@{
        RemoteRoutingAddress         = [string](Get-StandinValue $R 'RemoteRoutingAddress')
        RemoteRecipientType          = $rrt
        OnPremisesOrganizationalUnit = Get-StandinValue $R 'OrganizationalUnit'
        ArchiveGuid                  = $(if ($archive) { [guid][string]$archive } else { [guid]::Empty })
        ArchiveState                 = $(if ($rrt -match 'ProvisionArchive') { 'HostedProvisioned' } else { 'None' })
        ExchangeGuid                 = $(if (Get-StandinValue $R 'ExchangeGuid') { [guid][string](Get-StandinValue $R 'ExchangeGuid') } else { [guid]::Empty })
        AccountDisabled              = [bool](Get-StandinValue $R 'AccountDisabled')
        SamAccountName               = Get-StandinValue $R 'SamAccountName'
        UserPrincipalName            = Get-StandinValue $R 'UserPrincipalName'
        ResetPasswordOnNextLogon     = [bool](Get-StandinValue $R 'ResetPasswordOnNextLogon')
        Alias                        = [string]$R.Alias
        DisplayName                  = Get-StandinValue $R 'DisplayName'
        EmailAddresses               = New-StandinList 'Microsoft.Exchange.Data.ProxyAddressCollection' @(Get-StandinValue $R 'EmailAddresses')
        GrantSendOnBehalfTo          = New-StandinList 'Microsoft.Exchange.Data.Directory.ADMultiValuedProperty`1[[Microsoft.Exchange.Data.Directory.ADObjectId, Microsoft.Exchange.Data.Directory, Version=15.0.0.0, Culture=neutral, PublicKeyToken=31bf3856ad364e35]]' @(Get-StandinValue $R 'GrantSendOnBehalfTo')
        PrimarySmtpAddress           = [string](Get-StandinValue $R 'PrimarySmtpAddress')
        RecipientType                = 'MailUser'
        RecipientTypeDetails         = [string]$R.RecipientTypeDetails
        Identity                     = Get-StandinIdentity $R
        ExchangeVersion              = '0.20 (15.0.0.0)'
        Name                         = [string]$R.Name
        DistinguishedName            = Get-StandinDn $R
        Guid                         = [guid][string]$R.Guid
        OriginatingServer            = (Get-StandinDc $Org).ToLowerInvariant()
    }
    New-StandinObject -Chain $script:Chain.RemoteMailbox -Properties $p
}

function ConvertTo-StandinUser {
    param($Org, $R)
    $disabled = [bool](Get-StandinValue $R 'AccountDisabled')
    $t = [string]$R.RecipientTypeDetails
    if ($t -eq 'User' -and $disabled) { $t = 'DisabledUser' }
    $type = 'User'
    if (Test-StandinLocalMailbox $t) { $type = 'UserMailbox' } elseif (Test-StandinRemoteMailbox $t) { $type = 'MailUser' }
    $p = [ordered]@{
        IsLinked                 = [bool](Get-StandinValue $R 'LinkedMasterAccount')
        LinkedMasterAccount      = [string](Get-StandinValue $R 'LinkedMasterAccount')
        ResetPasswordOnNextLogon = [bool](Get-StandinValue $R 'ResetPasswordOnNextLogon')
        SamAccountName           = Get-StandinValue $R 'SamAccountName'
        UserPrincipalName        = Get-StandinValue $R 'UserPrincipalName'
        UserAccountControl       = $(if ($disabled) { 'AccountDisabled, NormalAccount' } else { 'NormalAccount' })
        AccountDisabled          = $disabled
        DisplayName              = Get-StandinValue $R 'DisplayName'
        WindowsEmailAddress      = Get-StandinValue $R 'PrimarySmtpAddress'
        RecipientType            = $type
        RecipientTypeDetails     = $t
        OrganizationalUnit       = Get-StandinValue $R 'OrganizationalUnit'
        Identity                 = Get-StandinIdentity $R
        Name                     = [string]$R.Name
        DistinguishedName        = Get-StandinDn $R
        Guid                     = [guid][string]$R.Guid
    }
    New-StandinObject -Chain $script:Chain.User -Properties $p
}

function ConvertTo-StandinStatistics {
    param($R, $ServerName, [switch] $Archive)
    $size = [long](Get-StandinValue $R 'TotalItemSize')
    $items = [long](Get-StandinValue $R 'ItemCount')
    $guid = Get-StandinValue $R 'ExchangeGuid'
    if ($Archive) {
        $size = [long](Get-StandinValue $R 'ArchiveTotalItemSize')
        $items = [long]($size / 98304)
        $guid = Get-StandinValue $R 'ArchiveGuid'
    }
    $deleted = [long](Get-StandinValue $R 'TotalDeletedItemSize')
    $logon = Get-StandinValue $R 'LastLogonTime'
    $t = [string]$R.RecipientTypeDetails
    if (@('SharedMailbox', 'RoomMailbox', 'EquipmentMailbox', 'LinkedMailbox', 'TeamMailbox', 'DiscoveryMailbox') -notcontains $t) { $t = 'UserMailbox' }
    $when = $null
    if ($logon) { $when = [DateTime]::Parse([string]$logon, $script:Invariant, [System.Globalization.DateTimeStyles]::AdjustToUniversal) }
    $p = [ordered]@{
        AssociatedItemCount  = [long]($items / 20)
        DeletedItemCount     = [long]($deleted / 65536)
        DisplayName          = [string](Get-StandinValue $R 'DisplayName')
        ItemCount            = $items
        LastLogonTime        = $when
        LastLogoffTime       = $when
        MailboxGuid          = [guid][string]$guid
        MailboxType          = 'Private'
        MailboxTypeDetail    = $t
        StorageLimitStatus   = 'BelowLimit'
        TotalDeletedItemSize = Format-StandinSize $deleted
        TotalItemSize        = Format-StandinSize $size
        Database             = Get-StandinValue $R 'Database'
        DatabaseName         = Get-StandinValue $R 'Database'
        ServerName           = $ServerName
        IsArchiveMailbox     = [bool]$Archive
        Identity             = [string]$guid
        IsValid              = $true
        ObjectState          = 'Unchanged'
    }
    New-StandinObject -Chain $script:Chain.Statistics -Properties $p
}

function Get-StandinRightsText {
    # Mailbox rights in MailboxRights flag order, as the enum prints them.
    param([object[]] $Rights)
    $order = @('FullAccess', 'SendAs', 'ExternalAccount', 'DeleteItem', 'ReadPermission', 'ChangePermission', 'ChangeOwner')
    (@($order | Where-Object { @($Rights) -contains $_ })) -join ', '
}

function ConvertTo-StandinMailboxAce {
    param([string] $Identity, $Ace, [object[]] $Rights)
    if ($null -eq $Rights) { $Rights = @($Ace.AccessRights) }
    $p = [ordered]@{
        AccessRights    = New-StandinList 'Microsoft.Exchange.Management.RecipientTasks.MailboxRights[]' @(Get-StandinRightsText $Rights)
        Deny            = [bool](Get-StandinValue $Ace 'Deny')
        InheritanceType = [string]$Ace.InheritanceType
        User            = [string]$Ace.User
        Identity        = $Identity
        IsInherited     = $false
        IsValid         = $true
        ObjectState     = 'Unchanged'
    }
    New-StandinObject -Chain $script:Chain.MailboxAce -Properties $p
}

function ConvertTo-StandinAdAce {
    param([string] $Identity, [string] $User, [object[]] $Extended)
    $p = [ordered]@{
        AccessRights    = New-StandinList 'System.DirectoryServices.ActiveDirectoryRights[]' @('ExtendedRight')
        ExtendedRights  = New-StandinList 'Microsoft.Exchange.Management.RecipientTasks.ExtendedRightIdParameter[]' $Extended
        Deny            = $false
        InheritanceType = 'All'
        User            = $User
        Identity        = $Identity
        IsInherited     = $false
        IsValid         = $true
    }
    New-StandinObject -Chain $script:Chain.AdAce -Properties $p
}

function Get-StandinTrustee {
    # A trustee as Exchange stores it: DOMAIN\sam on-premises, the UPN online; SELF as itself.
    param($Cmdlet, [string] $Name, $Org, [string] $User)
    if ($User.Trim() -eq 'NT AUTHORITY\SELF' -or $User.Trim() -eq 'SELF') { return 'NT AUTHORITY\SELF' }
    $r = Resolve-StandinOne -Cmdlet $Cmdlet -Name $Name -Org $Org -Identity $User -ParameterValue
    if (-not $r) { return $null }
    if ($script:Side -eq 'Online') {
        $upn = Get-StandinValue $r 'UserPrincipalName'
        if ($upn) { return [string]$upn }
        return [string]$r.Name
    }
    $sam = Get-StandinValue $r 'SamAccountName'
    if (-not $sam) { $sam = $r.Name }
    "$($Org.Organization.NetBiosName)\$sam"
}

function Assert-StandinSide {
    # A cmdlet that does not exist on this side is "not recognized", as in a real session.
    param($Cmdlet, [string] $Name, [string[]] $Sides)
    if ($Sides -contains $script:Side) { return }
    $ex = New-Object System.Management.Automation.CommandNotFoundException "The term '$Name' is not recognized as the name of a cmdlet, function, script file, or operable program. Check the spelling of the name, or if a path was included, verify that the path is correct and try again."
    $Cmdlet.ThrowTerminatingError((New-Object System.Management.Automation.ErrorRecord($ex, 'CommandNotFoundException', [System.Management.Automation.ErrorCategory]::ObjectNotFound, $Name)))
}

#endregion

#region One call: lock, throttle, body, log

function Write-StandinError {
    # A non-terminating Exchange error for this call (and its outcome in the log).
    param($Cmdlet, [string] $Name, [string] $Exception, [string] $Message, $Target)
    $script:Call.Result = 'error:' + $Exception.Split('.')[-1]
    $Cmdlet.WriteError((New-StandinErrorRecord -Cmdlet $Name -Exception $Exception -Message $Message -Target $Target))
}

function Write-StandinWarning {
    param($Cmdlet, [string] $Message)
    if ($script:Call.Result -eq 'ok') { $script:Call.Result = 'warning' }
    $Cmdlet.WriteWarning($Message)
}

function Invoke-StandinCmdlet {
    # $Bound is also what a body reads for "was this parameter given": inside the body, PowerShell's
    # $PSBoundParameters is the script block's own (only $Org), not the cmdlet's.
    # Runs $Body with the organisation locked; its output is written after the lock is released
    # (a downstream stand-in command in the same pipeline then finds the file free). $Body sets
    # $script:Call.Save / .Changed when it changed the organisation.
    param($Cmdlet, [string] $Name, [System.Collections.IDictionary] $Bound, [string[]] $Sides, [scriptblock] $Body)
    Assert-StandinSide -Cmdlet $Cmdlet -Name $Name -Sides $Sides
    $script:Call = @{ Result = 'ok'; Changed = $false; Target = [string]$Bound['Identity']; Save = $false }
    $standinOutput = @()
    $standinThrottled = $false
    try {
        $standinHandle = Open-StandinOrg
        try {
            if (Test-StandinThrottled -Cmdlet $Cmdlet -Org $standinHandle.Org) {
                $standinThrottled = $true
                $script:Call.Save = $true
                $script:Call.Result = 'throttled'
            } else {
                $standinOutput = @(& $Body $standinHandle.Org)
            }
        } finally {
            Close-StandinOrg -Handle $standinHandle -Save:($script:Call.Save)
        }
    } finally {
        Write-StandinLog -Cmdlet $Name -Bound $Bound -Result $script:Call.Result -Changed $script:Call.Changed -Target $script:Call.Target
    }
    if ($standinThrottled) { Stop-StandinThrottled -Cmdlet $Cmdlet }
    foreach ($o in $standinOutput) { $Cmdlet.WriteObject($o) }
}

function Limit-StandinResult {
    # -ResultSize: a number or Unlimited; Exchange's default is 1000 with a warning when cut.
    param($Cmdlet, [object[]] $Items, [string] $ResultSize)
    $items = @($Items)
    $limit = 1000
    if ($ResultSize -and $ResultSize -ne 'Unlimited') { $limit = [int]$ResultSize }
    if ($ResultSize -eq 'Unlimited' -or $items.Count -le $limit) { return $items }
    if ($ResultSize) {
        Write-StandinWarning -Cmdlet $Cmdlet -Message 'There are more results available than currently displayed. To view them, increase the value for the ResultSize parameter.'
    } else {
        Write-StandinWarning -Cmdlet $Cmdlet -Message "By default, only the first $limit items are returned. Use the ResultSize parameter to specify the number of items returned. To return all items, specify `"-ResultSize Unlimited`"."
    }
    $items[0..($limit - 1)]
}

function Get-StandinPlain {
    param([System.Security.SecureString] $Secure)
    $bstr = [System.Runtime.InteropServices.Marshal]::SecureStringToBSTR($Secure)
    try { [System.Runtime.InteropServices.Marshal]::PtrToStringBSTR($bstr) } finally { [System.Runtime.InteropServices.Marshal]::ZeroFreeBSTR($bstr) }
}

function Test-StandinPasswordPolicy {
    # AD's default policy: 8+ characters from 3 of the 4 classes.
    param([string] $Plain)
    $classes = 0
    if ($Plain -cmatch '[A-Z]') { $classes++ }
    if ($Plain -cmatch '[a-z]') { $classes++ }
    if ($Plain -match '[0-9]') { $classes++ }
    if ($Plain -match '[^A-Za-z0-9]') { $classes++ }
    $Plain.Length -ge 8 -and $classes -ge 3
}

function Write-StandinPasswordRefused {
    param($Cmdlet, [string] $Name, $Org, [string] $Identity)
    $dc = Get-StandinDc $Org
    Write-StandinError -Cmdlet $Cmdlet -Name $Name -Exception 'Microsoft.Exchange.Data.Directory.ADOperationException' -Target $Identity -Message (
        "Active Directory operation failed on $dc. This error is not retriable. Additional information: The password does not meet the password policy requirements. Check the minimum password length, password complexity and password history requirements.`r`n" +
        "Active directory response: 0000052D: SvcErr: DSID-031A12D2, problem 5003 (WILL_NOT_PERFORM), data 0`r`n")
}

function Get-StandinSnapshot {
    param($Object)
    $Object | ConvertTo-Json -Depth 10 -Compress
}

#endregion

#region Recipients

function Get-Mailbox {
    [CmdletBinding()]
    param(
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = $true)] [string] $Identity,
        [string[]] $RecipientTypeDetails,
        [string] $ResultSize,
        [string] $Database,
        [string] $DomainController
    )
    process {
        Invoke-StandinCmdlet $PSCmdlet 'Get-Mailbox' $PSBoundParameters @('OnPremises', 'Online') {
            param($Org)
            $accept = { param($r) Test-StandinLocalMailbox ([string]$r.RecipientTypeDetails) }
            if ($script:Side -eq 'Online') { $accept = $null }
            if ($Identity) {
                $r = Resolve-StandinOne -Cmdlet $PSCmdlet -Name 'Get-Mailbox' -Org $Org -Identity $Identity -Filter $accept
                if (-not $r) { return }
                if ($RecipientTypeDetails -and $RecipientTypeDetails -notcontains [string]$r.RecipientTypeDetails) {
                    Write-StandinError $PSCmdlet 'Get-Mailbox' 'Microsoft.Exchange.Configuration.Tasks.ManagementObjectNotFoundException' `
                        "The operation couldn't be performed because object '$Identity' couldn't be found on '$(Get-StandinDc $Org)'." $Identity
                    return
                }
                if ($script:Side -eq 'Online') { return ConvertTo-StandinCloudMailbox -Org $Org -M $r }
                return ConvertTo-StandinMailbox -Org $Org -R $r
            }
            $pool = @($Org.OnPremises.Recipients | Where-Object { Test-StandinLocalMailbox ([string]$_.RecipientTypeDetails) })
            if ($script:Side -eq 'Online') { $pool = @($Org.Online.Mailboxes) }
            if ($RecipientTypeDetails) { $pool = @($pool | Where-Object { $RecipientTypeDetails -contains [string]$_.RecipientTypeDetails }) }
            if ($Database) { $pool = @($pool | Where-Object { (Get-StandinValue $_ 'Database') -eq $Database }) }
            foreach ($r in (Limit-StandinResult -Cmdlet $PSCmdlet -Items $pool -ResultSize $ResultSize)) {
                if ($script:Side -eq 'Online') { ConvertTo-StandinCloudMailbox -Org $Org -M $r } else { ConvertTo-StandinMailbox -Org $Org -R $r }
            }
        }
    }
}

function Get-EXOMailbox {
    [CmdletBinding()]
    param(
        [Parameter(Position = 0)] [string] $Identity,
        [string] $ResultSize,
        [string[]] $Properties,
        [string[]] $RecipientTypeDetails
    )
    Invoke-StandinCmdlet $PSCmdlet 'Get-EXOMailbox' $PSBoundParameters @('Online') {
        param($Org)
        if ($Identity) {
            $r = Resolve-StandinOne -Cmdlet $PSCmdlet -Name 'Get-EXOMailbox' -Org $Org -Identity $Identity
            if ($r) { ConvertTo-StandinCloudMailbox -Org $Org -M $r -Exo }
            return
        }
        $pool = @($Org.Online.Mailboxes)
        if ($RecipientTypeDetails) { $pool = @($pool | Where-Object { $RecipientTypeDetails -contains [string]$_.RecipientTypeDetails }) }
        foreach ($r in (Limit-StandinResult -Cmdlet $PSCmdlet -Items $pool -ResultSize $ResultSize)) { ConvertTo-StandinCloudMailbox -Org $Org -M $r -Exo }
    }
}

function Get-Recipient {
    [CmdletBinding()]
    param(
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = $true)] [string] $Identity,
        [string[]] $RecipientTypeDetails,
        [string] $ResultSize,
        [string] $DomainController
    )
    process {
        Invoke-StandinCmdlet $PSCmdlet 'Get-Recipient' $PSBoundParameters @('OnPremises', 'Online') {
            param($Org)
            $mailEnabled = { param($r) $t = [string]$r.RecipientTypeDetails; (Test-StandinLocalMailbox $t) -or (Test-StandinRemoteMailbox $t) -or $t -eq 'MailUser' -or $t -eq 'MailContact' }
            if ($Identity) {
                $r = Resolve-StandinOne -Cmdlet $PSCmdlet -Name 'Get-Recipient' -Org $Org -Identity $Identity
                if ($r) { ConvertTo-StandinRecipient -Org $Org -R $r }
                return
            }
            $pool = @($Org.OnPremises.Recipients | Where-Object { & $mailEnabled $_ })
            if ($script:Side -eq 'Online') { $pool = @($Org.Online.Mailboxes) }
            if ($RecipientTypeDetails) { $pool = @($pool | Where-Object { $RecipientTypeDetails -contains [string]$_.RecipientTypeDetails }) }
            foreach ($r in (Limit-StandinResult -Cmdlet $PSCmdlet -Items $pool -ResultSize $ResultSize)) { ConvertTo-StandinRecipient -Org $Org -R $r }
        }
    }
}

function Get-User {
    [CmdletBinding()]
    param(
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = $true)] [string] $Identity,
        [string[]] $RecipientTypeDetails,
        [string] $ResultSize,
        [string] $DomainController
    )
    process {
        Invoke-StandinCmdlet $PSCmdlet 'Get-User' $PSBoundParameters @('OnPremises') {
            param($Org)
            if ($Identity) {
                $r = Resolve-StandinOne -Cmdlet $PSCmdlet -Name 'Get-User' -Org $Org -Identity $Identity
                if ($r) { ConvertTo-StandinUser -Org $Org -R $r }
                return
            }
            $pool = @($Org.OnPremises.Recipients)
            if ($RecipientTypeDetails) { $pool = @($pool | Where-Object { $RecipientTypeDetails -contains [string]$_.RecipientTypeDetails }) }
            foreach ($r in (Limit-StandinResult -Cmdlet $PSCmdlet -Items $pool -ResultSize $ResultSize)) { ConvertTo-StandinUser -Org $Org -R $r }
        }
    }
}

function Get-RemoteMailbox {
    [CmdletBinding()]
    param(
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = $true)] [string] $Identity,
        [string] $ResultSize,
        [string] $DomainController
    )
    process {
        Invoke-StandinCmdlet $PSCmdlet 'Get-RemoteMailbox' $PSBoundParameters @('OnPremises') {
            param($Org)
            $remote = { param($r) Test-StandinRemoteMailbox ([string]$r.RecipientTypeDetails) }
            if ($Identity) {
                $r = Resolve-StandinOne -Cmdlet $PSCmdlet -Name 'Get-RemoteMailbox' -Org $Org -Identity $Identity -Filter $remote
                if ($r) { ConvertTo-StandinRemoteMailbox -Org $Org -R $r }
                return
            }
            $pool = @($Org.OnPremises.Recipients | Where-Object { & $remote $_ })
            foreach ($r in (Limit-StandinResult -Cmdlet $PSCmdlet -Items $pool -ResultSize $ResultSize)) { ConvertTo-StandinRemoteMailbox -Org $Org -R $r }
        }
    }
}

function Get-MailboxStatistics {
    [CmdletBinding()]
    param(
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = $true)] [string] $Identity,
        [string] $Database,
        [switch] $Archive,
        [string] $DomainController
    )
    process {
        Invoke-StandinCmdlet $PSCmdlet 'Get-MailboxStatistics' $PSBoundParameters @('OnPremises', 'Online') {
            param($Org)
            if ($Identity) {
                $accept = { param($r) Test-StandinLocalMailbox ([string]$r.RecipientTypeDetails) }
                if ($script:Side -eq 'Online') { $accept = $null }
                $r = @(Find-StandinRecipient -Org $Org -Identity $Identity -Filter $accept)
                if ($r.Count -ne 1 -or ($Archive -and -not (Get-StandinValue $r[0] 'ArchiveGuid'))) {
                    Write-StandinError $PSCmdlet 'Get-MailboxStatistics' 'Microsoft.Exchange.Configuration.Tasks.ManagementObjectNotFoundException' `
                        "The specified mailbox `"$Identity`" doesn't exist." $Identity
                    return
                }
                $r = $r[0]
                if (-not $Archive -and -not (Get-StandinValue $r 'LastLogonTime')) {
                    $name = [string]$r.Name
                    if ($script:Side -eq 'OnPremises') { $name = Get-StandinIdentity $r }
                    Write-StandinWarning $PSCmdlet ("The user hasn't logged on to mailbox '$name' ('$(Get-StandinValue $r 'ExchangeGuid')'), so there is no data to return. " +
                        'After the user logs on, this warning will no longer appear.')
                    return
                }
                $server = $null
                $s = Get-StandinServer -Org $Org -R $r
                if ($s) { $server = [string]$s.Name }
                return ConvertTo-StandinStatistics -R $r -ServerName $server -Archive:$Archive
            }
            if ($Database) {
                $db = @($Org.OnPremises.Databases | Where-Object { $_.Name -eq $Database })
                if ($db.Count -eq 0) {
                    Write-StandinError $PSCmdlet 'Get-MailboxStatistics' 'Microsoft.Exchange.Configuration.Tasks.ManagementObjectNotFoundException' `
                        "Couldn't find database `"$Database`". Make sure you have typed it correctly." $Database
                    return
                }
                foreach ($r in @($Org.OnPremises.Recipients | Where-Object { (Get-StandinValue $_ 'Database') -eq $Database -and (Get-StandinValue $_ 'LastLogonTime') })) {
                    ConvertTo-StandinStatistics -R $r -ServerName ([string]$db[0].Server)
                }
                foreach ($d in @($Org.OnPremises.DisconnectedMailboxes | Where-Object { $_.Database -eq $Database })) {
                    $o = ConvertTo-StandinStatistics -R ([pscustomobject]@{ DisplayName = $d.DisplayName; TotalItemSize = $d.TotalItemSize; ItemCount = $d.ItemCount
                            ExchangeGuid = $d.MailboxGuid; LastLogonTime = (Get-StandinValue $d 'LastLogonTime'); Database = $d.Database; RecipientTypeDetails = 'UserMailbox' }) -ServerName ([string]$db[0].Server)
                    $o.DisconnectReason = $d.DisconnectReason
                    Add-Member -InputObject $o -MemberType NoteProperty -Name 'DisconnectDate' -Value ([DateTime]::Parse([string]$d.DisconnectDate, $script:Invariant, [System.Globalization.DateTimeStyles]::AdjustToUniversal)) -Force
                    $o
                }
                return
            }
            $ex = New-Object System.Management.Automation.ParameterBindingException 'Cannot process command because of one or more missing mandatory parameters: Identity.'
            $PSCmdlet.ThrowTerminatingError((New-Object System.Management.Automation.ErrorRecord($ex, 'MissingMandatoryParameter', 'InvalidArgument', $null)))
        }
    }
}

function Set-Mailbox {
    [CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'Medium')]
    param(
        [Parameter(Mandatory = $true, Position = 0, ValueFromPipelineByPropertyName = $true)] [string] $Identity,
        [ValidateSet('Regular', 'Room', 'Equipment', 'Shared', 'Workspace', 'Desk')] [string] $Type,
        [System.Security.SecureString] $Password,
        [bool] $ResetPasswordOnNextLogon,
        [object] $GrantSendOnBehalfTo,
        [bool] $MessageCopyForSentAsEnabled,
        [bool] $MessageCopyForSendOnBehalfEnabled,
        [switch] $Force,
        [string] $DomainController
    )
    process {
        if ($Type) { Wait-StandinHang -Cmdlet 'Set-Mailbox' -Bound $PSBoundParameters -Identity $Identity }
        Invoke-StandinCmdlet $PSCmdlet 'Set-Mailbox' $PSBoundParameters @('OnPremises', 'Online') {
            param($Org)
            $accept = { param($r) Test-StandinLocalMailbox ([string]$r.RecipientTypeDetails) }
            if ($script:Side -eq 'Online') { $accept = $null }
            $r = Resolve-StandinOne -Cmdlet $PSCmdlet -Name 'Set-Mailbox' -Org $Org -Identity $Identity -Filter $accept
            if (-not $r) { return }
            $script:Call.Target = [string]$r.Alias
            if (Test-StandinDenied -Cmdlet $PSCmdlet -Name 'Set-Mailbox' -Org $Org -R $r -Identity $Identity) { return }
            $before = Get-StandinSnapshot $r
            $work = $before | ConvertFrom-Json
            $target = @{ Regular = 'UserMailbox'; Room = 'RoomMailbox'; Equipment = 'EquipmentMailbox'; Shared = 'SharedMailbox'; Workspace = 'WorkspaceMailbox'; Desk = 'DeskMailbox' }
            $convertible = @('UserMailbox', 'SharedMailbox', 'RoomMailbox', 'EquipmentMailbox', 'WorkspaceMailbox', 'DeskMailbox')
            if ($Type) {
                $from = [string]$work.RecipientTypeDetails
                $to = $target[$Type]
                if ($from -eq $to) {
                    Write-StandinWarning $PSCmdlet "Couldn't convert the mailbox because the mailbox `"$Identity`" is already of the type `"$Type`"."
                } elseif ($convertible -notcontains $from -or $convertible -notcontains $to -or ($script:Side -eq 'OnPremises' -and @('WorkspaceMailbox', 'DeskMailbox') -contains $to)) {
                    Write-StandinError $PSCmdlet 'Set-Mailbox' 'Microsoft.Exchange.Configuration.Tasks.TaskInvalidOperationException' `
                        "Converting mailbox `"$Identity`" from type `"$from`" to type `"$to`" isn't supported." $Identity
                    return
                } elseif ($script:Side -eq 'Online') {
                    $work.RecipientTypeDetails = $to
                } elseif ($to -eq 'UserMailbox') {
                    # Back to a user: the account is enabled, so it needs a password the domain accepts.
                    if ($Password) {
                        if (-not (Test-StandinPasswordPolicy (Get-StandinPlain $Password))) { Write-StandinPasswordRefused $PSCmdlet 'Set-Mailbox' $Org $Identity; return }
                        Set-StandinProperty $work 'HasPassword' $true
                    } elseif (-not (Get-StandinValue $work 'HasPassword')) {
                        Write-StandinPasswordRefused $PSCmdlet 'Set-Mailbox' $Org $Identity
                        return
                    }
                    Set-StandinProperty $work 'AccountDisabled' $false
                    $aces = @()
                    foreach ($a in @(Get-StandinValue $work 'MailboxPermissions')) {
                        if ($null -eq $a) { continue }
                        $a.AccessRights = @($a.AccessRights | Where-Object { $_ -ne 'ExternalAccount' })
                        if (@($a.AccessRights).Count -gt 0) { $aces += $a }
                    }
                    Set-StandinProperty $work 'MailboxPermissions' $aces
                    $work.RecipientTypeDetails = $to
                } else {
                    Set-StandinProperty $work 'AccountDisabled' $true
                    $aces = @(@(Get-StandinValue $work 'MailboxPermissions') | Where-Object { $null -ne $_ })
                    if ($from -eq 'UserMailbox' -and -not @($aces | Where-Object { $_.User -eq 'NT AUTHORITY\SELF' }).Count) {
                        $aces += [pscustomobject]@{ User = 'NT AUTHORITY\SELF'; AccessRights = @('FullAccess', 'ExternalAccount'); InheritanceType = 'All'; AutoMapping = $false }
                    }
                    Set-StandinProperty $work 'MailboxPermissions' $aces
                    $work.RecipientTypeDetails = $to
                }
            } elseif ($Password) {
                if (-not (Test-StandinPasswordPolicy (Get-StandinPlain $Password))) { Write-StandinPasswordRefused $PSCmdlet 'Set-Mailbox' $Org $Identity; return }
                Set-StandinProperty $work 'HasPassword' $true
            }
            if ($Bound.ContainsKey('ResetPasswordOnNextLogon')) { Set-StandinProperty $work 'ResetPasswordOnNextLogon' $ResetPasswordOnNextLogon }
            if ($Bound.ContainsKey('MessageCopyForSentAsEnabled')) { Set-StandinProperty $work 'MessageCopyForSentAsEnabled' $MessageCopyForSentAsEnabled }
            if ($Bound.ContainsKey('MessageCopyForSendOnBehalfEnabled')) { Set-StandinProperty $work 'MessageCopyForSendOnBehalfEnabled' $MessageCopyForSendOnBehalfEnabled }
            if ($Bound.ContainsKey('GrantSendOnBehalfTo')) {
                $current = New-Object System.Collections.Generic.List[string]
                foreach ($x in @(Get-StandinValue $work 'GrantSendOnBehalfTo')) { if ($x) { $current.Add([string]$x) } }
                $add = @(); $remove = @()
                if ($GrantSendOnBehalfTo -is [System.Collections.IDictionary]) {
                    foreach ($k in $GrantSendOnBehalfTo.Keys) {
                        if ($k -eq 'Add' -or $k -eq '+') { $add += @($GrantSendOnBehalfTo[$k]) }
                        if ($k -eq 'Remove' -or $k -eq '-') { $remove += @($GrantSendOnBehalfTo[$k]) }
                    }
                } else {
                    $current.Clear()
                    $add = @($GrantSendOnBehalfTo)
                }
                foreach ($who in $add) {
                    $t = Resolve-StandinOne -Cmdlet $PSCmdlet -Name 'Set-Mailbox' -Org $Org -Identity ([string]$who) -ParameterValue
                    if (-not $t) { return }
                    $id = Get-StandinIdentity $t
                    if (-not $current.Contains($id)) { $current.Add($id) }
                }
                foreach ($who in $remove) {
                    $t = Resolve-StandinOne -Cmdlet $PSCmdlet -Name 'Set-Mailbox' -Org $Org -Identity ([string]$who) -ParameterValue
                    if (-not $t) { return }
                    [void]$current.Remove((Get-StandinIdentity $t))
                }
                Set-StandinProperty $work 'GrantSendOnBehalfTo' $current.ToArray()
            }
            if ((Get-StandinSnapshot $work) -eq $before) {
                Write-StandinWarning $PSCmdlet "The command completed successfully but no settings of '$Identity' have been modified."
                return
            }
            if (-not $PSCmdlet.ShouldProcess($Identity, 'Set-Mailbox')) { return }
            foreach ($p in $work.PSObject.Properties) { Set-StandinProperty $r $p.Name $p.Value }
            $script:Call.Save = $true
            $script:Call.Changed = $true
        }
    }
}

function Set-RemoteMailbox {
    [CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'Medium')]
    param(
        [Parameter(Mandatory = $true, Position = 0)] [string] $Identity,
        [ValidateSet('Regular', 'Room', 'Equipment', 'Shared')] [string] $Type,
        [string] $ExchangeGuid,
        [switch] $ACLableSyncedObjectEnabled,
        [string] $DomainController
    )
    Invoke-StandinCmdlet $PSCmdlet 'Set-RemoteMailbox' $PSBoundParameters @('OnPremises') {
        param($Org)
        $r = Resolve-StandinOne -Cmdlet $PSCmdlet -Name 'Set-RemoteMailbox' -Org $Org -Identity $Identity -Filter { param($x) Test-StandinRemoteMailbox ([string]$x.RecipientTypeDetails) }
        if (-not $r) { return }
        $script:Call.Target = [string]$r.Alias
        if (Test-StandinDenied -Cmdlet $PSCmdlet -Name 'Set-RemoteMailbox' -Org $Org -R $r -Identity $Identity) { return }
        $before = Get-StandinSnapshot $r
        $rrt = [string](Get-StandinValue $r 'RemoteRecipientType')
        $newType = $null
        $newRrt = $rrt
        if ($Type) {
            if ($rrt -notmatch 'ProvisionMailbox') {
                Write-StandinError $PSCmdlet 'Set-RemoteMailbox' 'System.ArgumentException' 'remoteMailbox.RemoteRecipientType must include ProvisionMailbox' $Identity
                return
            }
            $kinds = @('SharedMailbox', 'RoomMailbox', 'EquipmentMailbox')
            $flags = @($rrt.Split(',') | ForEach-Object { $_.Trim() } | Where-Object { $_ -and $kinds -notcontains $_ })
            $newType = @{ Regular = 'RemoteUserMailbox'; Shared = 'RemoteSharedMailbox'; Room = 'RemoteRoomMailbox'; Equipment = 'RemoteEquipmentMailbox' }[$Type]
            if ($Type -ne 'Regular') { $flags += "$($Type)Mailbox" }
            $newRrt = $flags -join ', '
        }
        $guid = $null
        if ($ExchangeGuid) { $guid = ([guid]$ExchangeGuid).ToString() }
        $changed = ($newType -and $newType -ne [string]$r.RecipientTypeDetails) -or $newRrt -ne $rrt -or ($guid -and $guid -ne [string](Get-StandinValue $r 'ExchangeGuid'))
        if (-not $changed) {
            Write-StandinWarning $PSCmdlet "The command completed successfully but no settings of '$Identity' have been modified."
            return
        }
        if (-not $PSCmdlet.ShouldProcess($Identity, 'Set-RemoteMailbox')) { return }
        if ($newType) { $r.RecipientTypeDetails = $newType }
        Set-StandinProperty $r 'RemoteRecipientType' $newRrt
        if ($guid) { Set-StandinProperty $r 'ExchangeGuid' $guid }
        $script:Call.Save = $true
        $script:Call.Changed = $before -ne (Get-StandinSnapshot $r)
    }
}

#endregion

#region Permissions

function Get-MailboxPermission {
    [CmdletBinding()]
    param(
        [Parameter(Mandatory = $true, Position = 0, ValueFromPipelineByPropertyName = $true)] [string] $Identity,
        [string] $User,
        [string] $DomainController
    )
    process {
        Invoke-StandinCmdlet $PSCmdlet 'Get-MailboxPermission' $PSBoundParameters @('OnPremises', 'Online') {
            param($Org)
            $r = Resolve-StandinOne -Cmdlet $PSCmdlet -Name 'Get-MailboxPermission' -Org $Org -Identity $Identity
            if (-not $r) { return }
            $want = $null
            if ($User) { $want = Get-StandinTrustee -Cmdlet $PSCmdlet -Name 'Get-MailboxPermission' -Org $Org -User $User; if (-not $want) { return } }
            $id = Get-StandinIdentity $r
            if ($script:Side -eq 'Online') { $id = [string]$r.Name }
            $selfRights = @('FullAccess', 'ReadPermission')
            $aces = @()
            foreach ($a in @(Get-StandinValue $r 'MailboxPermissions')) {
                if ($null -eq $a) { continue }
                if ($a.User -eq 'NT AUTHORITY\SELF' -and -not (Get-StandinValue $a 'Deny')) { $selfRights += @($a.AccessRights); continue }
                $aces += $a
            }
            $all = @([pscustomobject]@{ User = 'NT AUTHORITY\SELF'; AccessRights = @($selfRights | Select-Object -Unique); InheritanceType = 'All'; Deny = $false }) + $aces
            foreach ($a in $all) { if (-not $want -or $a.User -eq $want) { ConvertTo-StandinMailboxAce -Identity $id -Ace $a } }
        }
    }
}

function Add-MailboxPermission {
    [CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'Medium')]
    param(
        [Parameter(Mandatory = $true, Position = 0)] [string] $Identity,
        [Parameter(Mandatory = $true)] [string] $User,
        [Parameter(Mandatory = $true)] [ValidateSet('FullAccess', 'SendAs', 'ExternalAccount', 'DeleteItem', 'ReadPermission', 'ChangePermission', 'ChangeOwner')] [string[]] $AccessRights,
        [ValidateSet('None', 'All', 'Descendents', 'SelfAndChildren', 'Children')] [string] $InheritanceType,
        [bool] $AutoMapping = $true,
        [switch] $Deny,
        [string] $DomainController
    )
    Invoke-StandinCmdlet $PSCmdlet 'Add-MailboxPermission' $PSBoundParameters @('OnPremises', 'Online') {
        param($Org)
        $r = Resolve-StandinOne -Cmdlet $PSCmdlet -Name 'Add-MailboxPermission' -Org $Org -Identity $Identity
        if (-not $r) { return }
        $script:Call.Target = [string]$r.Alias
        $who = Get-StandinTrustee -Cmdlet $PSCmdlet -Name 'Add-MailboxPermission' -Org $Org -User $User
        if (-not $who) { return }
        if (Test-StandinDenied -Cmdlet $PSCmdlet -Name 'Add-MailboxPermission' -Org $Org -R $r -Identity $Identity) { return }
        $id = Get-StandinIdentity $r
        if ($script:Side -eq 'Online') { $id = [string]$r.Name }
        $aces = @(@(Get-StandinValue $r 'MailboxPermissions') | Where-Object { $null -ne $_ })
        $existing = @($aces | Where-Object { $_.User -eq $who -and [bool](Get-StandinValue $_ 'Deny') -eq [bool]$Deny })
        if ($existing.Count -gt 0) {
            $missing = @($AccessRights | Where-Object { @($existing[0].AccessRights) -notcontains $_ })
            if ($missing.Count -eq 0) {
                Write-StandinWarning $PSCmdlet "The appropriate access control entry is already present on the object `"$id`" for account `"$who`"."
                return
            }
            $existing[0].AccessRights = @($existing[0].AccessRights) + $missing
            Set-StandinProperty $existing[0] 'AutoMapping' $AutoMapping
            $ace = $existing[0]
        } else {
            $inheritance = 'All'
            if ($InheritanceType) { $inheritance = $InheritanceType }
            $ace = [pscustomobject]@{ User = $who; AccessRights = @($AccessRights); InheritanceType = $inheritance; AutoMapping = $AutoMapping }
            if ($Deny) { Add-Member -InputObject $ace -MemberType NoteProperty -Name 'Deny' -Value $true }
            $aces += $ace
        }
        if (-not $PSCmdlet.ShouldProcess($id, 'Add-MailboxPermission')) { return }
        Set-StandinProperty $r 'MailboxPermissions' $aces
        $script:Call.Save = $true
        $script:Call.Changed = $true
        ConvertTo-StandinMailboxAce -Identity $id -Ace $ace -Rights $AccessRights
    }
}

function Remove-MailboxPermission {
    [CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'High')]
    param(
        [Parameter(Mandatory = $true, Position = 0)] [string] $Identity,
        [Parameter(Mandatory = $true)] [string] $User,
        [Parameter(Mandatory = $true)] [string[]] $AccessRights,
        [string] $InheritanceType,
        [switch] $Deny,
        [string] $DomainController
    )
    Invoke-StandinCmdlet $PSCmdlet 'Remove-MailboxPermission' $PSBoundParameters @('OnPremises', 'Online') {
        param($Org)
        $r = Resolve-StandinOne -Cmdlet $PSCmdlet -Name 'Remove-MailboxPermission' -Org $Org -Identity $Identity
        if (-not $r) { return }
        $script:Call.Target = [string]$r.Alias
        $who = Get-StandinTrustee -Cmdlet $PSCmdlet -Name 'Remove-MailboxPermission' -Org $Org -User $User
        if (-not $who) { return }
        if (Test-StandinDenied -Cmdlet $PSCmdlet -Name 'Remove-MailboxPermission' -Org $Org -R $r -Identity $Identity) { return }
        $id = Get-StandinIdentity $r
        $removed = $false
        $aces = @()
        foreach ($a in @(Get-StandinValue $r 'MailboxPermissions')) {
            if ($null -eq $a) { continue }
            if ($a.User -eq $who -and [bool](Get-StandinValue $a 'Deny') -eq [bool]$Deny) {
                $left = @($a.AccessRights | Where-Object { $AccessRights -notcontains $_ })
                if ($left.Count -ne @($a.AccessRights).Count) { $removed = $true }
                $a.AccessRights = $left
                if ($left.Count -eq 0) { continue }
            }
            $aces += $a
        }
        if (-not $removed) {
            Write-StandinWarning $PSCmdlet "Can't remove the access control entry on the object `"$id`" for account `"$who`" because the ACE doesn't exist on the object."
            return
        }
        if (-not $PSCmdlet.ShouldProcess($id, 'Remove-MailboxPermission')) { return }
        Set-StandinProperty $r 'MailboxPermissions' $aces
        $script:Call.Save = $true
        $script:Call.Changed = $true
    }
}

function ConvertTo-StandinExtendedRight {
    param([string[]] $Rights)
    @($Rights | ForEach-Object { ($_ -replace '\s+', '-') })
}

function Get-ADPermission {
    [CmdletBinding()]
    param(
        [Parameter(Mandatory = $true, Position = 0, ValueFromPipelineByPropertyName = $true)] [string] $Identity,
        [string] $User,
        [string] $DomainController
    )
    process {
        Invoke-StandinCmdlet $PSCmdlet 'Get-ADPermission' $PSBoundParameters @('OnPremises') {
            param($Org)
            $r = Resolve-StandinOne -Cmdlet $PSCmdlet -Name 'Get-ADPermission' -Org $Org -Identity $Identity
            if (-not $r) { return }
            $want = $null
            if ($User) { $want = Get-StandinTrustee -Cmdlet $PSCmdlet -Name 'Get-ADPermission' -Org $Org -User $User; if (-not $want) { return } }
            $id = Get-StandinIdentity $r
            $all = @([pscustomobject]@{ User = 'NT AUTHORITY\SELF'; ExtendedRights = @('Send-As') }) + @(@(Get-StandinValue $r 'ADPermissions') | Where-Object { $null -ne $_ })
            foreach ($a in $all) { if (-not $want -or $a.User -eq $want) { ConvertTo-StandinAdAce -Identity $id -User $a.User -Extended @($a.ExtendedRights) } }
        }
    }
}

function Add-ADPermission {
    [CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'Medium')]
    param(
        [Parameter(Mandatory = $true, Position = 0)] [string] $Identity,
        [Parameter(Mandatory = $true)] [string] $User,
        [string[]] $AccessRights,
        [string[]] $ExtendedRights,
        [switch] $Deny,
        [string] $DomainController
    )
    Invoke-StandinCmdlet $PSCmdlet 'Add-ADPermission' $PSBoundParameters @('OnPremises') {
        param($Org)
        $r = Resolve-StandinOne -Cmdlet $PSCmdlet -Name 'Add-ADPermission' -Org $Org -Identity $Identity
        if (-not $r) { return }
        $script:Call.Target = [string]$r.Alias
        $who = Get-StandinTrustee -Cmdlet $PSCmdlet -Name 'Add-ADPermission' -Org $Org -User $User
        if (-not $who) { return }
        if (Test-StandinDenied -Cmdlet $PSCmdlet -Name 'Add-ADPermission' -Org $Org -R $r -Identity $Identity) { return }
        $id = Get-StandinIdentity $r
        $rights = ConvertTo-StandinExtendedRight $ExtendedRights
        $aces = @(@(Get-StandinValue $r 'ADPermissions') | Where-Object { $null -ne $_ })
        $existing = @($aces | Where-Object { $_.User -eq $who })
        if ($existing.Count -gt 0) {
            $missing = @($rights | Where-Object { @($existing[0].ExtendedRights) -notcontains $_ })
            if ($missing.Count -eq 0) {
                Write-StandinWarning $PSCmdlet "The appropriate access control entry is already present on the object `"$id`" for account `"$who`"."
                return
            }
            $existing[0].ExtendedRights = @($existing[0].ExtendedRights) + $missing
        } else {
            $aces += [pscustomobject]@{ User = $who; AccessRights = @('ExtendedRight'); ExtendedRights = @($rights) }
        }
        if (-not $PSCmdlet.ShouldProcess($id, 'Add-ADPermission')) { return }
        Set-StandinProperty $r 'ADPermissions' $aces
        $script:Call.Save = $true
        $script:Call.Changed = $true
        ConvertTo-StandinAdAce -Identity $id -User $who -Extended $rights
    }
}

function Remove-ADPermission {
    [CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'High')]
    param(
        [Parameter(Mandatory = $true, Position = 0)] [string] $Identity,
        [Parameter(Mandatory = $true)] [string] $User,
        [string[]] $AccessRights,
        [string[]] $ExtendedRights,
        [switch] $Deny,
        [string] $DomainController
    )
    Invoke-StandinCmdlet $PSCmdlet 'Remove-ADPermission' $PSBoundParameters @('OnPremises') {
        param($Org)
        $r = Resolve-StandinOne -Cmdlet $PSCmdlet -Name 'Remove-ADPermission' -Org $Org -Identity $Identity
        if (-not $r) { return }
        $script:Call.Target = [string]$r.Alias
        $who = Get-StandinTrustee -Cmdlet $PSCmdlet -Name 'Remove-ADPermission' -Org $Org -User $User
        if (-not $who) { return }
        if (Test-StandinDenied -Cmdlet $PSCmdlet -Name 'Remove-ADPermission' -Org $Org -R $r -Identity $Identity) { return }
        $id = Get-StandinIdentity $r
        $rights = ConvertTo-StandinExtendedRight $ExtendedRights
        $removed = $false
        $aces = @()
        foreach ($a in @(Get-StandinValue $r 'ADPermissions')) {
            if ($null -eq $a) { continue }
            if ($a.User -eq $who) {
                $left = @($a.ExtendedRights | Where-Object { $rights -notcontains $_ })
                if ($left.Count -ne @($a.ExtendedRights).Count) { $removed = $true }
                $a.ExtendedRights = $left
                if ($left.Count -eq 0) { continue }
            }
            $aces += $a
        }
        if (-not $removed) {
            Write-StandinWarning $PSCmdlet "Can't remove the access control entry on the object `"$id`" for account `"$who`" because the ACE doesn't exist on the object."
            return
        }
        if (-not $PSCmdlet.ShouldProcess($id, 'Remove-ADPermission')) { return }
        Set-StandinProperty $r 'ADPermissions' $aces
        $script:Call.Save = $true
        $script:Call.Changed = $true
    }
}

#endregion

#region Configuration

function Get-ExchangeServer {
    [CmdletBinding()]
    param([Parameter(Position = 0)] [string] $Identity, [string] $DomainController)
    Invoke-StandinCmdlet $PSCmdlet 'Get-ExchangeServer' $PSBoundParameters @('OnPremises') {
        param($Org)
        $servers = @($Org.OnPremises.Servers)
        if ($Identity) {
            $servers = @($servers | Where-Object { $_.Name -eq $Identity -or (Get-StandinValue $_ 'Fqdn') -eq $Identity })
            if ($servers.Count -eq 0) {
                Write-StandinError $PSCmdlet 'Get-ExchangeServer' 'Microsoft.Exchange.Configuration.Tasks.ManagementObjectNotFoundException' `
                    "The operation couldn't be performed because object '$Identity' couldn't be found on '$(Get-StandinDc $Org)'." $Identity
                return
            }
        }
        foreach ($s in $servers) {
            $fqdn = Get-StandinValue $s 'Fqdn'
            if (-not $fqdn) { $fqdn = $s.Name }
            $p = [ordered]@{
                Name                 = [string]$s.Name
                Domain               = [string]$Org.Organization.Domain
                Edition              = [string](Get-StandinValue $s 'Edition')
                Fqdn                 = [string]$fqdn
                IsMailboxServer      = $true
                IsClientAccessServer = $true
                IsE14OrLater         = $true
                IsE15OrLater         = ([string]$s.AdminDisplayVersion) -match '^Version 15'
                ServerRole           = 'Mailbox'
                Site                 = "$($Org.Organization.Domain)/Configuration/Sites/Default-First-Site-Name"
                AdminDisplayVersion  = [string]$s.AdminDisplayVersion
                ExchangeVersion      = '0.1 (14.0.100.0)'
                Identity             = [string]$s.Name
            }
            New-StandinObject -Chain $script:Chain.Server -Properties $p
        }
    }
}

function Get-ManagementRoleAssignment {
    [CmdletBinding()]
    param(
        [Parameter(Position = 0)] [string] $Identity,
        [string] $Role,
        [string] $RoleAssignee,
        [bool] $Enabled,
        [switch] $GetEffectiveUsers,
        [string] $DomainController
    )
    Invoke-StandinCmdlet $PSCmdlet 'Get-ManagementRoleAssignment' $PSBoundParameters @('OnPremises') {
        param($Org)
        $items = @($Org.OnPremises.RoleAssignments | Where-Object {
                (-not $Identity -or (Get-StandinValue $_ 'Name') -eq $Identity) -and
                (-not $Role -or $_.Role -eq $Role) -and
                (-not $RoleAssignee -or (Get-StandinValue $_ 'RoleAssigneeName') -eq ($RoleAssignee -split '[\\/]')[-1]) -and
                (-not $Bound.ContainsKey('Enabled') -or [bool]$_.Enabled -eq $Enabled)
            })
        if ($Identity -and $items.Count -eq 0) {
            Write-StandinError $PSCmdlet 'Get-ManagementRoleAssignment' 'Microsoft.Exchange.Configuration.Tasks.ManagementObjectNotFoundException' `
                "The operation couldn't be performed because object '$Identity' couldn't be found on '$(Get-StandinDc $Org)'." $Identity
            return
        }
        foreach ($a in $items) {
            $name = Get-StandinValue $a 'Name'
            if (-not $name) { $name = $a.Role }
            $assignee = [string](Get-StandinValue $a 'RoleAssigneeName')
            $p = [ordered]@{
                Name                = [string]$name
                Role                = [string]$a.Role
                RoleAssigneeName    = $assignee
                RoleAssigneeType    = 'User'
                AssignmentMethod    = 'Direct'
                EffectiveUserName   = $assignee
                Enabled             = [bool]$a.Enabled
                RecipientWriteScope = 'Organization'
                ConfigWriteScope    = 'OrganizationConfig'
                Identity            = [string]$name
            }
            New-StandinObject -Chain $script:Chain.RoleAssignment -Properties $p
        }
    }
}

#endregion

Export-ModuleMember -Function @(
    'Get-Mailbox', 'Set-Mailbox', 'Get-MailboxStatistics', 'Get-Recipient', 'Get-User', 'Get-RemoteMailbox', 'Set-RemoteMailbox',
    'Get-MailboxPermission', 'Add-MailboxPermission', 'Remove-MailboxPermission', 'Get-ADPermission', 'Add-ADPermission',
    'Remove-ADPermission', 'Get-ExchangeServer', 'Get-ManagementRoleAssignment', 'Get-EXOMailbox')
