# Example 1
Add-RoleGroupMember "Recipient Management" -Member David
# Example 2
Get-User -Filter "Department -eq 'Sales' -and RecipientType -eq 'UserMailbox'" | Get-Mailbox | Add-RoleGroupMember "Sales and Marketing Group" -WhatIf
# Example 3
Add-RoleGroupMember "Training Administrators" -Member "Training Assistants" -BypassSecurityGroupManagerCheck
