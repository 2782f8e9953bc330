# Example 1
Get-TransportConfig
# Example 2
Get-TransportConfig | Format-List *DSN*
