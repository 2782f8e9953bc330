# Example 1
Get-PolicyConfig
