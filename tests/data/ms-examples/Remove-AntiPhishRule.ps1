# Example 1
Remove-AntiPhishRule -Identity "Research Department Phishing Rule"
