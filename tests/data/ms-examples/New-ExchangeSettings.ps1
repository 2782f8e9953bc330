# Example 1
New-ExchangeSettings -Name Audit
