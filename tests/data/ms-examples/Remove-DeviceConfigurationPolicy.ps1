# Example 1
Remove-DeviceConfigurationPolicy -Identity "Engineering Group"
