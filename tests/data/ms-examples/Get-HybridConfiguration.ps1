# Example 1
Get-HybridConfiguration
