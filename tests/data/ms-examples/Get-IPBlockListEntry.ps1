# Example 1
Get-IPBlockListEntry
# Example 2
Get-IPBlockListEntry | where {$_.IsMachineGenerated}
