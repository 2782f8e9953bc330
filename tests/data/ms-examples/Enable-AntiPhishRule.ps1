# Example 1
Enable-AntiPhishRule -Identity "Marketing Department Phishing Rule"
