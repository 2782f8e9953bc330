# Example 1
Get-PublicFolderAdministrativePermission -Identity "\My Public Folder"
# Example 2
Get-PublicFolderAdministrativePermission -Identity "\My Public Folder" -User Chris -Server "My Server" | Format-List
# Example 3
Get-PublicFolderAdministrativePermission -Identity "\My Public Folder" -Owner
