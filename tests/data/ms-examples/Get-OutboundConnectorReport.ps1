# Example 1
Get-OutboundConnectorReport -Domain contoso.com
