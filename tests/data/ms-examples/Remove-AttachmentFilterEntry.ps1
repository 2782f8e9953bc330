# Example 1
Remove-AttachmentFilterEntry -Identity FileName:*.txt
# Example 2
Remove-AttachmentFilterEntry -Identity ContentType:image/jpeg
