# Example 1
New-DeviceConfigurationPolicy -Name "Engineering Group"
