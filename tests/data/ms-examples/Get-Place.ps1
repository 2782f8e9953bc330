# Example 1
Get-Place -Identity "Conference Room 01"
# Example 2
Get-Place -Identity "Conference Room 01" | Format-List
# Example 3
Get-Place -Type Room
