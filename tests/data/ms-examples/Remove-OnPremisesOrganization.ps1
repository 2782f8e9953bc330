# Example 1
Remove-OnPremisesOrganization -Identity ExchangeMail
