# Example 1
Set-OrganizationRelationship -Identity "Fourth Coffee" -FreeBusyAccessLevel LimitedDetails
# Example 2
Set-OrganizationRelationship -Identity "Contoso" -Enabled $false
