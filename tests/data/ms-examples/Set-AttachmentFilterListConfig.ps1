# Example 1
Set-AttachmentFilterListConfig -Action Reject
