# Example 1
Remove-BlockedConnector -ConnectorId 159eb7c4-75d7-43e2-95fe-ced44b3e0a56
