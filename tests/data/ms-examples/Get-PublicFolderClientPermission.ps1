# Example 1
Get-PublicFolderClientPermission "\My Public Folder"
# Example 2
Get-PublicFolderClientPermission -Identity "\My Public Folder" -User Chris | Format-List
