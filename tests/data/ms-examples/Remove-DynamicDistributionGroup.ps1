# Example 1
Remove-DynamicDistributionGroup -Identity "Test Users"
