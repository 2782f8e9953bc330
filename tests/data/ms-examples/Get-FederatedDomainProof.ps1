# Example 1
Get-FederatedDomainProof -DomainName "contoso.com"
# Example 2
Get-FederatedDomainProof -DomainName "contoso.com" -Thumbprint AC00F35CBA8359953F4126E0984B5CCAFA2F4F17
