# Example 1
Get-SafeLinksPolicy | Format-Table Name,EnableSafe*
# Example 2
Get-SafeLinksPolicy -Identity "Contoso All"
