# Example 1
Get-DeviceConditionalAccessPolicy | Format-Table Name,Enabled,Priority
# Example 2
Get-DeviceConditionalAccessPolicy -Identity "Human Resources"
