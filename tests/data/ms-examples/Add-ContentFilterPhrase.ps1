# Example 1
Add-ContentFilterPhrase -Phrase "Free credit report" -Influence BadWord
