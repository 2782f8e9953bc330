# Example 1
Get-DevicePolicy | Format-Table Name,Type,Enabled,Priority
# Example 2
Get-DevicePolicy -Identity "Engineering Group"
