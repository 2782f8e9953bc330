# Example 1
Remove-LdapDirectory -Organization contoso.onmicrosoft.com -Id FabrikamLdap
