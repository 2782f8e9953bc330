# Example 1
Remove-AntiPhishPolicy -Identity "Quarantine Policy"
