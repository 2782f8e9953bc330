# Example 1
Get-DetailZapReport
# Example 2
Get-DetailZapReport -StartDate 7/1/2023 -EndDate 7/9/2023
