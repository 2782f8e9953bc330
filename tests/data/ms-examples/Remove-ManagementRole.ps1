# Example 1
Remove-ManagementRole ExampleRole1
# Example 2
Remove-ManagementRole ExampleRole2 -Recurse -WhatIf
# Example 3
Get-ManagementRole *Example* | Remove-ManagementRole -WhatIf
# Example 4
Remove-ManagementRole "In-house scripts" -UnScopedTopLevel
