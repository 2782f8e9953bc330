# Example 1
Get-LogonStatistics -Server Server01
