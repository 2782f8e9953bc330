# Example 1
Remove-FederatedDomain -DomainName contoso.co.uk
