# Example 1
Get-AggregateZapReport
# Example 2
Get-AggregateZapReport -StartDate 7/1/2023 -EndDate 7/9/2023
