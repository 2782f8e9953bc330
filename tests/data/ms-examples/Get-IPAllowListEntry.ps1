# Example 1
Get-IPAllowListEntry
# Example 2
Get-IPAllowListEntry -IPAddress 192.168.0.1
