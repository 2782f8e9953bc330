# Example 1
New-DeviceTenantPolicy
