# Example 1
Get-StoreUsageStatistics -Server EX1 | ft -auto
# Example 2
Get-StoreUsageStatistics -Server EX1 -IncludePassive | ft -auto
# Example 3
Get-StoreUsageStatistics -Database DB1 | Sort-Object LogRecordBytes -desc | Select-Object -First 10 | ft DigestCategory, *guid, LogRecordBytes, *time* -auto
