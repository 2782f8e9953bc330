# Example 1
Remove-SearchDocumentFormat -Identity sct
