# Example 1
Get-DataClassificationConfig
