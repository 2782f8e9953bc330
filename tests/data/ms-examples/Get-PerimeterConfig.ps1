# Example 1
Get-PerimeterConfig
