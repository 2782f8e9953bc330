# Example 1
Get-DlpKeywordDictionary | Format-Table -Auto Name,Description
# Example 2
Get-DlpKeywordDictionary -Name "Financial Data"
