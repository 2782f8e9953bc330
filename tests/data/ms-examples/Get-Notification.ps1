# Example 1
Get-Notification
# Example 2
Get-Notification -ProcessType Migration
# Example 3
Get-Notification -Identity 0259ec74-3539-4195-ab4f-de93e654ceaf | Format-List
