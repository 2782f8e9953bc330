# Example 1
Get-ActiveSyncVirtualDirectory -Server "MBX01"
# Example 2
Get-ActiveSyncVirtualDirectory -Identity "MBX01\Microsoft-Server-ActiveSync*" | Format-List
# Example 3
Get-ActiveSyncVirtualDirectory
