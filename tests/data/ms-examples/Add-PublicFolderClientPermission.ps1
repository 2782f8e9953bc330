# Example 1
Add-PublicFolderClientPermission -Identity "\My Public Folder" -User Chris -AccessRights CreateItems -Server "My Server"
# Example 2
Add-PublicFolderClientPermission -Identity "\My Public Folder" -User Chris -AccessRights CreateItems
