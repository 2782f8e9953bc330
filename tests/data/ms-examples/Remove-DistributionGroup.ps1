# Example 1
Remove-DistributionGroup -Identity "Temporary Staff"
