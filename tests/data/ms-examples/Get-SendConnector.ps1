# Example 1
Get-SendConnector "Contoso.com Send Connector" | Format-List
