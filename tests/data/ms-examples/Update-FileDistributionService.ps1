# Example 1
Update-FileDistributionService -Identity Server1 -Type "OAB"
# Example 2
Update-FileDistributionService -Identity Server1
# Example 3
Update-FileDistributionService -Identity Server1 -Type GM
