# Example 1
Remove-DeviceConditionalAccessPolicy -Identity "Human Resources"
