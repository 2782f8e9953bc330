# Example 1
Get-AutoSensitivityLabelRule
