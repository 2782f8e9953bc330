# Example 1
Get-IRMConfiguration
