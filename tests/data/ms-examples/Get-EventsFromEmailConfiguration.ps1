# Example 1
Get-EventsFromEmailConfiguration -Identity peter@contoso.com
