# Example 1
Get-DeliveryAgentConnector "Contoso X.400 Connector" | Format-List
# Example 2
Get-DeliveryAgentConnector | Format-Table Name,DeliveryProtocol
