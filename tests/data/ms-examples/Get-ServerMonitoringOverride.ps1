# Example 1
Get-ServerMonitoringOverride -Server Exch01
