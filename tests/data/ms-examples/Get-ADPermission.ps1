# Example 1
Get-ADPermission -Identity Ed
# Example 2
Get-ADPermission "Contoso.com" -User Chris
