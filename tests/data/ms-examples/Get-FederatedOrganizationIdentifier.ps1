# Example 1
Get-FederatedOrganizationIdentifier
# Example 2
Get-FederatedOrganizationIdentifier -IncludeExtendedDomainInfo
