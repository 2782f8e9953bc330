# Example 1
Remove-DistributionGroupMember -Identity "Technical Support" -Member "Jan Dryml"
