# Example 1
Enable-DistributionGroup -Identity "Distribution Group1"
