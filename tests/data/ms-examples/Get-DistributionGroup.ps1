# Example 1
Get-DistributionGroup
# Example 2
Get-DistributionGroup -Identity "Marketing Reports" | Format-List
# Example 3
Get-DistributionGroup -Anr marketing | Format-Table Name, ManagedBy -Auto
