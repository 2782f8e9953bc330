# Example 1
Remove-Rule "Contoso Recipients"
