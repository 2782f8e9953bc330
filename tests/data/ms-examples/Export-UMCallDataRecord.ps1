# Example 1
Export-UMCallDataRecord -Date 02/01/12
# Example 2
Export-UMCallDataRecord -Date 02/01/12 -UMDialPlan MyUMDialPlan
