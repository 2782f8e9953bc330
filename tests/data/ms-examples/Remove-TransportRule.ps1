# Example 1
Remove-TransportRule -Identity "Redirect messages from kim@contoso.com to legal@contoso.com"
