# Example 1
Get-RetentionPolicy -Identity "RP Finance" | Format-List
