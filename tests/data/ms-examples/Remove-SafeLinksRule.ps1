# Example 1
Remove-SafeLinksRule -Identity "Research Department URL Rule"
