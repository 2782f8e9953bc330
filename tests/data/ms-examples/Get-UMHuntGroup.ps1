# Example 1
Get-UMHuntGroup
# Example 2
Get-UMHuntGroup -Identity MyUMIPGateway\MyUMHuntGroup | Format-List
# Example 3
Get-UMHuntGroup -UMDialPlan MyUMDialPlan
