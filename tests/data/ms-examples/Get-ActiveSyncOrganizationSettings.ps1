# Example 1
Get-ActiveSyncOrganizationSettings
