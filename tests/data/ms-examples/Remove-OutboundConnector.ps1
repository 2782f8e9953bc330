# Example 1
Remove-OutboundConnector "Contoso Outbound Connector"
