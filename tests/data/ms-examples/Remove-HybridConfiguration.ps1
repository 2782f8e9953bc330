# Example 1
Remove-HybridConfiguration
