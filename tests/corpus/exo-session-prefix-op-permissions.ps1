# Full access and Send As for a delegate, on both sides, from a console where the on-premises
# session was imported with a prefix (Import-PSSession $s -Prefix OP, in the admin's profile).
function Set-DelegateFullAccessAndSendAs {
    [CmdletBinding()]
    param($Delegate, $Identity)
    Add-MailboxPermission -Identity $Identity -AccessRights "FullAccess" -User $Delegate
    Add-OPMailboxPermission -Identity $Identity -AccessRights "FullAccess" -User $Delegate
    Add-OPADPermission -Identity $Identity -User $Delegate -AccessRights ExtendedRight -ExtendedRights "send as"
    Add-RecipientPermission -Identity $Identity -AccessRights SendAs -Trustee $Delegate -Confirm:$false
}
Set-DelegateFullAccessAndSendAs -Identity "sales@contoso.com" -Delegate "kim@contoso.com"
