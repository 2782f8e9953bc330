# Example 1
Get-LabelPolicy | Format-Table Name
# Example 2
Get-LabelPolicy -Identity "Engineering Group" | Format-List
