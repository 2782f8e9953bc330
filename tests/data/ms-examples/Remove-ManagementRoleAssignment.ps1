# Example 1
Remove-ManagementRoleAssignment "Recipients_Seattle Recipient Management"
# Example 2
Get-ManagementRoleAssignment Detroit* | Remove-ManagementRoleAssignment -WhatIf
