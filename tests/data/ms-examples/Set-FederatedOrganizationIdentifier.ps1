# Example 1
Set-FederatedOrganizationIdentifier -DelegationFederationTrust "Microsoft Federation Gateway" -AccountNamespace "Contoso.com" -Enabled $true
# Example 2
Set-FederatedOrganizationIdentifier -Enabled $false
# Example 3
Set-FederatedOrganizationIdentifier -Enabled $true
