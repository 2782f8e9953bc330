# Example 1
Get-EcpVirtualDirectory -Server Server01
# Example 2
Get-EcpVirtualDirectory -Identity "Server01\ecp*" | Format-List
# Example 3
Get-EcpVirtualDirectory
