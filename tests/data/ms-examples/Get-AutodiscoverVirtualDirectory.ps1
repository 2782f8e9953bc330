# Example 1
Get-AutodiscoverVirtualDirectory -Server MBX01
# Example 2
Get-AutodiscoverVirtualDirectory -Identity "MBX01\Autodiscover*" | Format-List
# Example 3
Get-AutodiscoverVirtualDirectory
