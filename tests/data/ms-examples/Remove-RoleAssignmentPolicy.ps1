# Example 1
Get-Mailbox | Where {$_.RoleAssignmentPolicy -Eq "End User"}

Get-Mailbox | Where {$_.RoleAssignmentPolicy -Eq "End User"} | Set-Mailbox -RoleAssignmentPolicy "Seattle End User"

Get-ManagementRoleAssignment -RoleAssignee "End User" | Remove-ManagementRoleAssignment

Remove-RoleAssignmentPolicy "End User"
