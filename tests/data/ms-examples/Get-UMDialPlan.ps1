# Example 1
Get-UMDialPlan
# Example 2
Get-UMDialPlan -Identity MyUMDialPlan | Format-List
