# Example 1
Get-DefaultTenantBriefingConfig
