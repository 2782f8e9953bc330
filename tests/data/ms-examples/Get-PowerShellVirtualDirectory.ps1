# Example 1
Get-PowerShellVirtualDirectory -Server Server01
# Example 2
Get-PowerShellVirtualDirectory -Identity "Server01\PowerShell*" | Format-List
# Example 3
Get-PowerShellVirtualDirectory
