# Example 1
Get-FederationInformation -DomainName contoso.com
