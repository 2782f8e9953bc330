# Example 1
Get-RoleAssignmentPolicy
# Example 2
Get-RoleAssignmentPolicy "End User Policy" | Format-List
# Example 3
Get-RoleAssignmentPolicy | Where { $_.IsDefault -eq $True }
