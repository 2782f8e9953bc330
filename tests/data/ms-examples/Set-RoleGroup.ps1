# Example 1
Set-RoleGroup "London Recipient Administrators" -ManagedBy "David", "Christine"
# Example 2
Set-RoleGroup "Seattle Administrators" -ManagedBy "Seattle Role Administrators" -BypassSecurityGroupManagerCheck
# Example 3
$Credentials = Get-Credential

Set-RoleGroup "ContosoUsers: Toronto Recipient Admins" -LinkedDomainController dc02.contosousers.contoso.com -LinkedCredential $Credentials -LinkedForeignGroup "Toronto Tier 2 Administrators"
