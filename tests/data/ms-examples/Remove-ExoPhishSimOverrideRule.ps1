# Example 1
Get-ExoPhishSimOverrideRule | Remove-ExoPhishSimOverrideRule
# Example 2
Remove-ExoPhishSimOverrideRule -Identity "_Exe:PhishSimOverr:6fed4b63-3563-495d-a481-b24a311f8329"
