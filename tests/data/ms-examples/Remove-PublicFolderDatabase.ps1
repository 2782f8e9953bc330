# Example 1
Remove-PublicFolderDatabase "Public Folder Database"
