# Example 1
Remove-ForeignConnector "Fax Connector"
