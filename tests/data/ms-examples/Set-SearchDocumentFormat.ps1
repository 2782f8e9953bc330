# Example 1
Set-SearchDocumentFormat ZIP -Enabled $false
