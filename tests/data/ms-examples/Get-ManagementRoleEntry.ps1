# Example 1
Get-ManagementRoleEntry "Transport Rules\*"
# Example 2
Get-ManagementRoleEntry *\Get-Recipient
# Example 3
Get-ManagementRoleEntry "Tier 2 Help Desk\Set-Mailbox" | Format-List Name, Parameters, Role, Type
