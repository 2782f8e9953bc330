# Example 1
Remove-SettingOverride -Identity "IM Server Integration"
