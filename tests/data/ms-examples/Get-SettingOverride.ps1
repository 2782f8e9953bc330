# Example 1
Get-SettingOverride | Format-List Name,Reason,ComponentName,SectionName,Parameters,Server
# Example 2
Get-SettingOverride -Identity "IM Server Integration"
