# Example 1
Get-InboundConnector "Inbound Connector for Contoso.com" | Format-List
# Example 2
Get-InboundConnector
