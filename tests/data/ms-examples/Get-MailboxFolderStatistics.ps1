# Example 1
Get-MailboxFolderStatistics -Identity contoso\chris
# Example 2
Get-MailboxFolderStatistics -Identity Chris -FolderScope Calendar
# Example 3
Get-MailboxFolderStatistics -Identity Ayla@contoso.com -Archive
# Example 4
Get-MailboxFolderStatistics -Identity "Tony" -FolderScope RecoverableItems -IncludeAnalysis
# Example 5
$All = Get-Mailbox -ResultSize Unlimited

$All | foreach {Get-MailboxFolderStatistics -Identity $_.Identity -FolderScope Inbox | Format-Table Identity,ItemsInFolderAndSubfolders,FolderAndSubfolderSize -AutoSize}
