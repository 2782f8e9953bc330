# Example 1
Remove-OutlookProtectionRule -Identity "Project Contoso"
# Example 2
Get-OutlookProtectionRule | Remove-OutlookProtectionRule
