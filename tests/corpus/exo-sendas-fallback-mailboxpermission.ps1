# Delegation helper: grant Send As, falling back to another cmdlet when the first one fails.
param([string]$Mailbox, [string]$Delegate)
Connect-ExchangeOnline -ShowBanner:$false
try {
    Add-RecipientPermission -Identity $Mailbox -Trustee $Delegate -AccessRights SendAs -Confirm:$false -ErrorAction Stop
}
catch {
    Write-Verbose "Add-RecipientPermission failed; trying Add-MailboxPermission"
    Add-MailboxPermission -Identity $Mailbox -User $Delegate -AccessRights SendAs -InheritanceType All -Confirm:$false
}
