# Example 1
Disable-IPv6ForAcceptedDomain -Domain contoso.com
