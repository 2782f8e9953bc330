# Example 1
Test-OrganizationRelationship -UserIdentity katherine@fabrikam.com -Identity contoso.com -Confirm
