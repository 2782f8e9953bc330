# Example 1
Disable-DistributionGroup -Identity "Distribution Group1"
