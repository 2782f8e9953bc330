# Example 1
Get-DeviceTenantRule
