# Example 1
Get-OutboundConnector "Contoso Outbound Connector" | Format-List
