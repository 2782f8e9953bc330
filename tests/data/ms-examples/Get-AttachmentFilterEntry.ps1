# Example 1
Get-AttachmentFilterEntry
# Example 2
Get-AttachmentFilterEntry FileName:*.txt
# Example 3
Get-AttachmentFilterEntry ContentType:image/jpeg
