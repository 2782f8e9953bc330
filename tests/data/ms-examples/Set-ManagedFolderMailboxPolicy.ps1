# Example 1
Set-ManagedFolderMailboxPolicy "PM Storage Template1" -Name "PM Storage Template2"
# Example 2
Set-ManagedFolderMailboxPolicy -Identity "My Managed Folder Mailbox Policy" -ManagedFolderLinks "Custom Folder 1", "Custom Folder 2"
