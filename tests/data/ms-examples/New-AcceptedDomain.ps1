# Example 1
New-AcceptedDomain -DomainName Contoso.com -DomainType Authoritative -Name Contoso
