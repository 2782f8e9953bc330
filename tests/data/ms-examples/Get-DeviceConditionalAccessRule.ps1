# Example 1
Get-DeviceConditionalAccessRule | Format-List Name,Disabled,Priority
# Example 2
Get-DeviceConditionalAccessRule -Identity "Secure Email{914f151c-394b-4da9-9422-f5a2f65dec30}"
