# Example 1
Get-AttachmentFilterListConfig | Format-List
