# Example 1
Set-DeviceTenantRule -ExclusionList "Research and Development"
