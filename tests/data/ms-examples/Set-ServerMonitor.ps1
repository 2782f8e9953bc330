# Example 1
Set-ServerMonitor -Name Maintenance -Repairing $true -Server Exch01
