# Example 1
Get-CompromisedUserAggregateReport -StartDate 06-01-2020 -EndDate 06-10-2020 -Action Restricted
