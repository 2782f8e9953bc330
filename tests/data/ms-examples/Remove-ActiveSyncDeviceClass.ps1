# Example 1
Get-ActiveSyncDeviceClass | RemoveActiveSyncDeviceClass
