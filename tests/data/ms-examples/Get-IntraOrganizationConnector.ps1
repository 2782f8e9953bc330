# Example 1
Get-IntraOrganizationConnector
# Example 2
Get-IntraOrganizationConnector "MainCloudConnector" | Format-List
