# Example 1
Remove-AutoSensitivityLabelPolicy -Identity "Marketing Group"
