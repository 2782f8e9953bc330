# Example 1
Remove-PublicFolderClientPermission -Identity \"My Public Folder" -User Chris -AccessRights CreateItems -Server "My Server"
# Example 2
Remove-PublicFolderClientPermission -Identity "\My Public Folder" -User Contoso\Chris
