# Example 1
Get-ActiveSyncDeviceAccessRule | where {$_.AccessLevel -eq 'Block'}
# Example 2
Get-ActiveSyncDeviceAccessRule | Format-List Characteristic, QueryString, AccessLevel
