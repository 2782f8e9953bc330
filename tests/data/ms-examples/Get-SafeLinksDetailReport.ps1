# Example 1
Get-SafeLinksDetailReport -StartDate 06-07-2020 -EndDate 06-10-2020 -Action Allowed,Blocked -AppNameList "Email Client","Teams" -Domain google.com,teams.com -RecipientAddress faith@contoso.com,chris@contoso.com
