# Example 1
Get-ResourceConfig
