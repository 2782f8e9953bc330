# Example 1
Remove-ReceiveConnector -Identity "Contoso.com Receive Connector"
