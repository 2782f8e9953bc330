[CmdletBinding(SupportsShouldProcess)]
param([string]$Upn)
Connect-ExchangeOnline -CommandName Get-EXORecipient, Get-User, Remove-DistributionGroupMember, Remove-UnifiedGroupLinks -SkipLoadingFormatData
$dn = (Get-User $Upn).DistinguishedName
$groups = Get-EXORecipient -Filter "Members -eq '$dn'" -RecipientTypeDetails GroupMailbox, MailUniversalDistributionGroup -Verbose:$false
foreach ($g in $groups) {
    if ($g.RecipientTypeDetails -eq 'GroupMailbox') {
        Remove-UnifiedGroupLinks -Identity $g.ExternalDirectoryObjectId -Links $dn -LinkType Member -Confirm:$false -WhatIf:$WhatIfPreference -ErrorAction Stop
    } else {
        Remove-DistributionGroupMember -Identity $g.ExternalDirectoryObjectId -Member $dn -BypassSecurityGroupManagerCheck -Confirm:$false -WhatIf:$WhatIfPreference -ErrorAction Stop
    }
}
