# Example 1
Get-EtrLimits
