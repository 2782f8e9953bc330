# Example 1
New-RoleAssignmentPolicy -Name "End User Policy"

Set-Mailbox -Identity Joe -RoleAssignmentPolicy "End User Policy"
# Example 2
New-RoleAssignmentPolicy -Name "Default End User Policy" -IsDefault
# Example 3
New-RoleAssignmentPolicy -Name "Limited End User Policy" -Roles "MyPersonalInformation", "MyDistributionGroupMembership", "MyVoiceMail" -IsDefault

Get-Mailbox -ResultSize Unlimited | Set-Mailbox -RoleAssignmentPolicy "Limited End User Policy"
