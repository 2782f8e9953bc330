# Example 1
Test-IPAllowListProvider Contoso.com -IPAddress 192.168.0.1
