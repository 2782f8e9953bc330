# Example 1
Remove-SafeLinksPolicy -Identity "Engineering Department URL Policy"
