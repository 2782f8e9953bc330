# Example 1
Get-IntraOrganizationConfiguration
