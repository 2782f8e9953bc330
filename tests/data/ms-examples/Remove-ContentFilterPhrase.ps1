# Example 1
Remove-ContentFilterPhrase -Identity "Free credit report"
