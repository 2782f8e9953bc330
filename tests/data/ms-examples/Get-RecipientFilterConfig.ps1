# Example 1
Get-RecipientFilterConfig | Format-List
