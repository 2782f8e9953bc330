# Example 1
Remove-InboxRule -Mailbox Joe@Contoso.com -Identity "ProjectA-MoveToFolderA"
# Example 2
Get-InboxRule -Mailbox "Joe@Contoso.com" | Remove-InboxRule
