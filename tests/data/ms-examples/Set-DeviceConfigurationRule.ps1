# Example 1
Set-DeviceConfigurationRule -Identity "Engineering Group{914f151c-394b-4da9-9422-f5a2f65dec30}" -AllowScreenshot $false
