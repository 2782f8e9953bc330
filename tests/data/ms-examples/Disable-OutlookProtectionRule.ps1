# Example 1
Disable-OutlookProtectionRule -Identity "Project Contoso"
