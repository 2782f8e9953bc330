# Example 1
Get-MailboxServer -Identity Server1 | Update-PublicFolderHierarchy
