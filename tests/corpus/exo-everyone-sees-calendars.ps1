Connect-ExchangeOnline
$right = "LimitedDetails"
$people = Get-Mailbox -ResultSize Unlimited -Filter { RecipientTypeDetails -eq "UserMailbox" } | Select-Object Identity
Get-Mailbox -ResultSize Unlimited | ForEach-Object {
    foreach ($u in $people) {
        Add-MailboxFolderPermission "$($_.SamAccountName):\Calendar" -User $u.Identity -AccessRights $right -ErrorAction SilentlyContinue
        Set-MailboxFolderPermission "$($_.SamAccountName):\Calendar" -User $u.Identity -AccessRights $right -ErrorAction SilentlyContinue
    }
}
foreach ($m in Get-Mailbox -ResultSize Unlimited) { Get-MailboxFolderPermission ($m.Name + ":\Calendar") | Format-Table -AutoSize }
