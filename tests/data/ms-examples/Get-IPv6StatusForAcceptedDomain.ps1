# Example 1
Get-IPv6StatusForAcceptedDomain -Domain contoso.com
