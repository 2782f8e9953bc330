# Example 1
Get-OabVirtualDirectory
# Example 2
Get-OabVirtualDirectory -Server MBX-01-007
# Example 3
Get-OabVirtualDirectory -Identity "MBX-01-007\OAB*" | Format-List
