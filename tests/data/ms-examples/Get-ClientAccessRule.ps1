# Example 1
Get-ClientAccessRule
# Example 2
Get-ClientAccessRule "Block Client Connections from 192.168.1.0/24" | Format-List
