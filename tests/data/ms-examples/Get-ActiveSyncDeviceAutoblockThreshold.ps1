# Example 1
Get-ActiveSyncDeviceAutoblockThreshold -Identity "UserAgentChanges"
