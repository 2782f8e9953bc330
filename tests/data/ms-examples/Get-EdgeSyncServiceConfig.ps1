# Example 1
Get-EdgeSyncServiceConfig "Primary EdgeSync Settings" | Format-List
