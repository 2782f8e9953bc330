# Example 1
Remove-RoleGroupMember "Recipient Management" -Member David
# Example 2
Get-User -Filter "Department -eq 'Sales' -and -RecipientType -eq 'UserMailbox'" | Get-Mailbox | Remove-RoleGroupMember "Sales and Marketing Group" -WhatIf
# Example 3
Remove-RoleGroupMember "Training Administrators" -Member "Training Assistants" -BypassSecurityGroupManagerCheck
