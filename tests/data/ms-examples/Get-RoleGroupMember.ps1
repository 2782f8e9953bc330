# Example 1
Get-RoleGroupMember "Recipient Administrators"
# Example 2
Get-RoleGroupMember "Organization Administrators" -ReadFromDomainController
