# Example 1
Get-ForeignConnector
# Example 2
Get-ForeignConnector "Fax Connector" | Format-List
