# Example 1
Enable-OrganizationCustomization
