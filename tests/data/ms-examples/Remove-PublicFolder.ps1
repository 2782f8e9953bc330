# Example 1
Remove-PublicFolder -Identity "\Test\Directory\My Public Folder"
# Example 2
Remove-PublicFolder -Identity "\Test\Directory Folder" -Recurse
