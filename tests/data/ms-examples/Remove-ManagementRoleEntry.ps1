# Example 1
Remove-ManagementRoleEntry "Tier 1 Help Desk\New-Mailbox"
# Example 2
Get-ManagementRoleEntry "Tier 1 Help Desk\*" | where {$_.Name -like 'New-*'} | foreach {Remove-ManagementRoleEntry -Identity "$($_.id)\$($_.name)"}
