# Example 1
Remove-RoleGroup "Training Administrators"
# Example 2
Remove-RoleGroup "Vancouver Recipient Administrators" -BypassSecurityGroupManagerCheck
