# Example 1
Remove-AutoSensitivityLabelRule -Identity "Social Security Rule"
