# Example 1
Get-DeviceConfigurationRule | Format-List Name,Disabled,Priority
# Example 2
Get-DeviceConfigurationRule -Identity "Legal Team{58b50d1c-2b18-461c-8893-3e20c648b136}"
