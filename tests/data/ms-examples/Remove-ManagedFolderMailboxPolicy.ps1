# Example 1
Remove-ManagedFolderMailboxPolicy -Identity "My Managed Folder Mailbox Policy"
