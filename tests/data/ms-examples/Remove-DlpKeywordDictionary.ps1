# Example 1
Remove-DlpKeywordDictionary -Identity "Financial Data"
# Example 2
Get-DlpKeywordDictionary | Foreach-Object { Remove-DlpKeywordDictionary -Identity $_.Name -confirm:$True }
