# Example 1
Get-ClientAccessArray
# Example 2
Get-ClientAccessArray -Identity CASArray01 | Format-List
