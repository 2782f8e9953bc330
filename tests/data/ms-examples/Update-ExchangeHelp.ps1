# Example 1
Update-ExchangeHelp -Force
