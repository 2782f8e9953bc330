# Example 1
Get-HostedConnectionFilterPolicy | Format-List Name,IPBlockList,IPAllowList
# Example 2
Get-HostedConnectionFilterPolicy -Identity Default
