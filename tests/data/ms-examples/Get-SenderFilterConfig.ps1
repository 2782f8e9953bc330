# Example 1
Get-SenderFilterConfig | Format-List
