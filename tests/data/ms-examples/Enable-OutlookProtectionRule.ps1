# Example 1
Enable-OutlookProtectionRule -Identity "Project Contoso"
