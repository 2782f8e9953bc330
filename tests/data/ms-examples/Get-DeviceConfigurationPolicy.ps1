# Example 1
Get-DeviceConfigurationPolicy | Format-Table Name,Enabled,Priority
# Example 2
Get-DeviceConfigurationPolicy -Identity "Engineering Group"
