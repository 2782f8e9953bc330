# Example 1
Get-DeviceTenantPolicy
