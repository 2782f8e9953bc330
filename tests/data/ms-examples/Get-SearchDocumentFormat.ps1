# Example 1
Get-SearchDocumentFormat
# Example 2
Get-SearchDocumentFormat docx | Format-List *
