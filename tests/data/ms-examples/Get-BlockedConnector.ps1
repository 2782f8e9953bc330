# Example 1
Get-BlockedConnector
# Example 2
Get-BlockedConnector -ConnectorId 159eb7c4-75d7-43e2-95fe-ced44b3e0a56 | Format-List
