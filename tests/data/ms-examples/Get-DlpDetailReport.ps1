# Example 1
Get-DlpDetailReport -StartDate 11/01/2018 -EndDate 11/07/2018
