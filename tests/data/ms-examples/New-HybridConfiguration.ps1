# Example 1
New-HybridConfiguration
