# Example 1
Get-ContentFilterPhrase
# Example 2
Get-ContentFilterPhrase -Phrase "Free credit report"
# Example 3
Get-ContentFilterPhrase | Where {$_.Phrase -like '*free offer*'}
