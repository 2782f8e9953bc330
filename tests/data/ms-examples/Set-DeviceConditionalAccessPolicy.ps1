# Example 1
Set-DeviceConditionalAccessPolicy -Identity Executives -Enabled $false
