# Example 1
Test-ExchangeSearch -Identity john@contoso.com
# Example 2
Test-ExchangeSearch -Identity john@contoso.com -Verbose
