# Example 1
Remove-ManagementScope "Redmond Servers"
# Example 2
Get-ManagementScope -Orphan | Remove-ManagementScope -WhatIf
