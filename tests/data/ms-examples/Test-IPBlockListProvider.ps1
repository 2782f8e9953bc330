# Example 1
Test-IPBlockListProvider Contoso.com -IPAddress 192.168.0.1
