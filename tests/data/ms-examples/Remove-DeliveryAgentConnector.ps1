# Example 1
Remove-DeliveryAgentConnector "Contoso Delivery Agent Connector"
