# Example 1
New-ManagementRole -Name "Redmond Journaling View-Only" -Parent Journaling

Get-ManagementRoleEntry "Redmond Journaling View-Only\*" | Where { $_.Name -NotLike "Get*" } | %{Remove-ManagementRoleEntry -Identity "$($_.id)\$($_.name)"}
# Example 2
New-ManagementRole -Name "In-house scripts" -UnScopedTopLevel
