# Example 1
Remove-DeviceTenantPolicy
