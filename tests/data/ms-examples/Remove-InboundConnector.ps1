# Example 1
Remove-InboundConnector "Contoso Inbound Connector"
