# Example 1
New-DeviceConditionalAccessPolicy -Identity "Human Resources"
