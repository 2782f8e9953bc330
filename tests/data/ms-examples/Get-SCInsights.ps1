# Example 1
Get-SCInsights
# Example 2
Get-SCInsights -EndDate (Get-Date "3/3/2018 9:30 AM").ToUniversalTime()
