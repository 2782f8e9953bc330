# Example 1
Remove-MailboxFolderPermission -Identity kim@contoso.com:\Training -User john@contoso.com
# Example 2
Remove-MailboxFolderPermission -Identity kim@contoso.com:\Calendar -ResetDelegateUserCollection
