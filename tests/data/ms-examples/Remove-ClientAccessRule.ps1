# Example 1
Remove-ClientAccessRule "Block Client Connections from 192.168.1.0/24"
