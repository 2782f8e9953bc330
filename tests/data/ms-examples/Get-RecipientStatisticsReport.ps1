# Example 1
Get-RecipientStatisticsReport
