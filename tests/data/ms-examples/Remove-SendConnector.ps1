# Example 1
Remove-SendConnector "Contoso.com Send Connector"
