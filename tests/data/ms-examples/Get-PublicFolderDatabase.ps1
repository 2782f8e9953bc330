# Example 1
Get-PublicFolderDatabase | Format-List
# Example 2
Get-PublicFolderDatabase -Identity "Server01\PFDatabase"
# Example 3
Get-PublicFolderDatabase -Server Server01
