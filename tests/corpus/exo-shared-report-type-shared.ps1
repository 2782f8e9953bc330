# Who has full access to which shared mailbox, to CSV (Exchange Online).
Connect-ExchangeOnline -UserPrincipalName $Admin
$rows = Get-Mailbox -RecipientTypeDetails Shared -ResultSize Unlimited | ForEach-Object {
    $mbx = $_
    Get-MailboxPermission -Identity $mbx.UserPrincipalName |
        Where-Object { $_.AccessRights -contains "FullAccess" -and -not $_.IsInherited } |
        Select-Object @{n="Mailbox";e={$mbx.DisplayName}}, User
}
$rows | Export-Csv .\SharedMailboxPermissions.csv -NoTypeInformation
