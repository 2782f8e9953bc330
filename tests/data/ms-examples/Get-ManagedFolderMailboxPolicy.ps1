# Example 1
Get-ManagedFolderMailboxPolicy "PM Storage Template"
