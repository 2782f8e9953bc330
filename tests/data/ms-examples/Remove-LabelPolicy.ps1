# Example 1
Remove-LabelPolicy -Identity "Marketing Group"
