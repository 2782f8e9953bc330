# Example 1
Get-ActiveSyncDeviceClass -Filter "DeviceType -eq 'WP'"
# Example 2
Get-ActiveSyncDeviceClass | group-object -Property DeviceType
