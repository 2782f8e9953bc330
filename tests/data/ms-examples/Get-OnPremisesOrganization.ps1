# Example 1
Get-OnPremisesOrganization -Identity ExchangeMail | Format-List
# Example 2
Get-OnPremisesOrganization -DomainController 'mail.contoso.com' | Format-List
