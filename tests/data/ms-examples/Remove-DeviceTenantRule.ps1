# Example 1
Remove-DeviceTenantRule
