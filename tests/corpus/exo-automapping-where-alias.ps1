# Resource delegates from a CSV: FullAccess with auto-mapping taken from the file, then Send As.
Connect-ExchangeOnline
foreach ($row in Import-Csv .\delegates.csv) {
    Add-MailboxPermission $row.Mailbox -User $row.Delegate -AccessRights FullAccess -AutoMapping ?{([bool]::Parse($row.AutoMapping))}
    Add-RecipientPermission $row.Mailbox -Trustee $row.Delegate -AccessRights SendAs -Confirm:$false
}
