# Example 1
Get-ReceiveConnector -Server Exchange01
# Example 2
Get-ReceiveConnector -Identity "Receive Connector for Contoso.com" | Format-List
