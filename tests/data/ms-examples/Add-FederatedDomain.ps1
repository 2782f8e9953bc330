# Example 1
Add-FederatedDomain -DomainName Contoso.co.uk
