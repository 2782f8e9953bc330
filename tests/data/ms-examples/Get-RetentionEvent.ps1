# Example 1
Get-RetentionEvent
# Example 2
Get-RetentionEvent -Identity x | Format-List
