# Example 1
Get-AntiPhishRule | Format-Table Name,Priority,State
# Example 2
Get-AntiPhishRule -Identity "Research Department Phishing Rule"
