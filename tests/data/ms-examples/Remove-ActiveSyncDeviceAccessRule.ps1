# Example 1
Get-ActiveSyncDeviceAccessRule | Remove-ActiveSyncDeviceAccessRule
# Example 2
Get-ActiveSyncDeviceAccessRule | where {$_.Name -like 'Contoso*'} | Remove-ActiveSyncDeviceAccessRule
