# Example 1
Get-WebServicesVirtualDirectory -Server MBX01
# Example 2
Get-WebServicesVirtualDirectory -Identity "MBX01\EWS*" | Format-List
# Example 3
Get-WebServicesVirtualDirectory
