# Example 1
Get-OutlookProtectionRule
# Example 2
Get-OutlookProtectionRule ProjectContoso | Format-List
