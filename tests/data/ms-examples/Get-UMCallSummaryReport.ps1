# Example 1
Get-UMCallSummaryReport -GroupBy Total
# Example 2
Get-UMCallSummaryReport -GroupBy Month
# Example 3
Get-UMCallSummaryReport -GroupBy Day
# Example 4
Get-UMCallSummaryReport -GroupBy Month -UMDialPlan MyUMDialPlan
