# Example 1
Get-Label
# Example 2
Get-Label -Identity "Engineering Group" | Format-List
