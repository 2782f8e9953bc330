# Example 1
Add-DistributionGroupMember -Identity "Staff" -Member "JohnEvans@contoso.com"
