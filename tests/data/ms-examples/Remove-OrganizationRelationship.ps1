# Example 1
Remove-OrganizationRelationship -Identity Contoso
