# Example 1
Add-AttachmentFilterEntry -Name *.txt -Type FileName
# Example 2
Add-AttachmentFilterEntry -Name image/jpeg -Type ContentType
