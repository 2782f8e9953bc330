# Example 1
Get-ManagementRole
# Example 2
Get-ManagementRole "Mail Recipients" -Recurse
# Example 3
Get-ManagementRole -CmdletParameters Identity, Database
# Example 4
Get-ManagementRole -RoleType UnScopedTopLevel
# Example 5
Get-ManagementRole "Transport Rules" | Format-List Name, RoleType
# Example 6
Get-ManagementRole "Mail Recipients" -GetChildren
