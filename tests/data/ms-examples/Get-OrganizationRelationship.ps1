# Example 1
Get-OrganizationRelationship -Identity Contoso
# Example 2
Get-OrganizationRelationship -DomainController 'mail.contoso.com'
