# Example 1
Get-SafeLinksAggregateReport -StartDate 06-01-2020 -EndDate 06-10-2020 -SummarizeBy App -AppNameList "Email Client","Teams"
