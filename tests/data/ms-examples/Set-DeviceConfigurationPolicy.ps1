# Example 1
Set-DeviceConfigurationPolicy -Identity "Engineering Group" -Enabled $false
