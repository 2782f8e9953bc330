# Example 1
Get-ATPTotalTrafficReport -StartDate (get-date).AddDays(-5) -EndDate (get-date).AddDays(-1)
