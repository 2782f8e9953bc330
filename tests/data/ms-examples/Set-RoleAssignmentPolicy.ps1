# Example 1
Set-RoleAssignmentPolicy "End User Policy" -IsDefault
