# Example 1
Get-ManagementRoleAssignment "Denver Help Desk" | Format-List
# Example 2
Get-ManagementRoleAssignment -Enabled $true -Delegating $true
# Example 3
Get-ManagementRoleAssignment -RecipientWriteScope MyGAL
# Example 4
Get-ManagementRoleAssignment -Role "Mail Recipients"
# Example 5
Get-ManagementRoleAssignment -WritableRecipient Bob -GetEffectiveUsers
# Example 6
Get-ManagementRoleAssignment -ExclusiveConfigWriteScope "Redmond Executive Servers" -GetEffectiveUsers
# Example 7
Get-ManagementRoleAssignment -WritableDatabase "Contoso Sales"
