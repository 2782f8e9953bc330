# Example 1
Get-CompromisedUserDetailReport -StartDate 06-01-2020 -EndDate 06-10-2020 -Action Suspicious
