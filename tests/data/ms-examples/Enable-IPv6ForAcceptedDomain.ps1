# Example 1
Enable-IPv6ForAcceptedDomain -Domain contoso.com
