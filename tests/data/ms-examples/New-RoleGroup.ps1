# Example 1
New-RoleGroup -Name "Limited Recipient Management" -Roles "Mail Recipients", "Mail Enabled Public Folders" -Members Kim, Martin
# Example 2
New-RoleGroup -Name "Seattle Limited Recipient Management" -Roles "Mail Recipients", "Mail Enabled Public Folders" -Members John, Carol -CustomRecipientWriteScope "Seattle Recipients"
# Example 3
New-RoleGroup -Name "Transport Rules Management" -Roles "Transport Rules" -Members "Compliance Group" -ManagedBy Isabel
# Example 4
$Credentials = Get-Credential

New-RoleGroup -Name "ContosoUsers: Toronto Recipient Admins" -LinkedDomainController dc02.contosousers.contoso.com -LinkedCredential $Credentials -LinkedForeignGroup "Toronto Administrators" -CustomRecipientWriteScope "Toronto Recipients" -Roles "Mail Recipients"
# Example 5
$RoleGroup = Get-RoleGroup "Recipient Management"

New-RoleGroup "Limited Recipient Management" -Roles $RoleGroup.Roles
# Example 6
Remove-ManagementRoleAssignment "Distribution Groups-Limited Recipient Management"
