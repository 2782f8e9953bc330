. .\Login-EXO.ps1
$rights = "Reviewer"
foreach ($mbx in (Get-Mailbox -ResultSize Unlimited | Where-Object { $_.UserPrincipalName -notin 'svc1', 'svc2' })) {
    $id = ((Get-MailboxFolderStatistics -identity $mbx.PrimarySmtpAddress -FolderScope Calendar | Where-Object { $_.FolderType -eq "Calendar" }).Identity)
    $cal = $id.Insert($id.IndexOf('\'), ':')
    Set-MailboxFolderPermission -identity $cal -User Default -AccessRights $rights -ErrorAction SilentlyContinue
}
