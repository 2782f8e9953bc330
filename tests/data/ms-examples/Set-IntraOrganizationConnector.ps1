# Example 1
Set-IntraOrganizationConnector "MainCloudConnector" -Enabled $false
