# Calendar sharing for one user: read, default level, one delegate.
Connect-ExchangeOnline
$owner = Read-Host -Prompt "Calendar owner"
Get-MailboxFolderPermission -Identity "$($owner):\Calendar"
Set-Mailbox -Identity $owner -DetailLevel LimitedDetails
$reader = Read-Host -Prompt "Who gets access"
Add-MailboxFolderPermission -Identity "$($owner):\Calendar" -User $reader -AccessRights Reviewer
