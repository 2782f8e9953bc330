# Example 1
Get-SmimeConfig
