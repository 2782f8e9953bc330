# Example 1
Remove-UMDialPlan -Identity MyUMDialPlan
