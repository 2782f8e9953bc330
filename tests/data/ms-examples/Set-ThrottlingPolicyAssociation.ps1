# Example 1
Set-ThrottlingPolicyAssociation -Identity tonysmith -ThrottlingPolicy ITStaffPolicy
# Example 2
$b = Get-ThrottlingPolicy ITStaffPolicy

Set-Mailbox -Identity tonysmith -ThrottlingPolicy $b
