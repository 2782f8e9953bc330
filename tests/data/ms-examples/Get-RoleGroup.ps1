# Example 1
Get-RoleGroup
# Example 2
Get-RoleGroup "Recipient Administrators" | Format-List
# Example 3
Get-RoleGroup -ReadFromDomainController
# Example 4
Get-RoleGroup -Filter "RoleGroupType -eq 'Linked'" | Format-Table Name, LinkedGroup
