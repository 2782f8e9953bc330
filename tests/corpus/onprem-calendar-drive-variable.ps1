$who = "Default"
foreach ($m in Get-Mailbox -ResultSize Unlimited -RecipientTypeDetails UserMailbox) {
    $upn = $m.UserPrincipalName
    $name = (Get-MailboxFolder -Identity "$upn:\Calendar" -ErrorAction Stop).Name
    Set-MailboxFolderPermission -Identity "${upn}:\$name" -User $who -AccessRights Reviewer -SendNotificationToUser $false -ErrorAction Stop
}
