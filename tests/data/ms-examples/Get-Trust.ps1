# Example 1
Get-Trust -DomainName Contoso.com
