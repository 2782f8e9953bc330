# Example 1
Get-DynamicDistributionGroupMember -Identity "Temporary Employees"
