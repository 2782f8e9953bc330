# Example 1
Update-PublicFolder "\Legal\Cases\My Public Folder" -Server "My Server"
# Example 2
Get-PublicFolder "\Legal\Cases\My Public Folder" | Update-PublicFolder -Server "My Server"
