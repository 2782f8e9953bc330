# Example 1
Get-HistoricalSearch
# Example 2
Get-HistoricalSearch -JobId f9c66f83-b5c8-4a0c-91f4-a38376f74182 | Format-List
