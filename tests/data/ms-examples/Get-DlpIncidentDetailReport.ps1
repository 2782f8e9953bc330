# Example 1
Get-DlpIncidentDetailReport -StartDate 2022/11 -EndDate 2022/11/30
