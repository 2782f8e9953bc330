# Example 1
Get-Group
# Example 2
Get-Group -Identity "Marketing Reports" | Format-List
# Example 3
Get-Group -Anr Mar*
