# Example 1
Set-DeviceTenantPolicy -Enabled $false
