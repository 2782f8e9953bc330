# Example 1
Get-DataRetentionReport -StartDate 04/01/2018 -EndDate 04/30/2018
