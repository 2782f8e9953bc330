# Example 1
Disable-AntiPhishRule -Identity "Engineering Department Phishing Rule"
