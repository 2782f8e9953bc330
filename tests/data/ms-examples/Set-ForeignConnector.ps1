# Example 1
Set-ForeignConnector "Fax Connector" -MaxMessageSize 10MB
