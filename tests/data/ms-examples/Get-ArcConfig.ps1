# Example 1
Get-ArcConfig
