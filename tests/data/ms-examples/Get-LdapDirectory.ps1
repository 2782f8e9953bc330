# Example 1
Get-LdapDirectory -Organization contoso.onmicrosoft.com
# Example 2
Get-LdapDirectory -Organization contoso.onmicrosoft.com -Id FabrikamLdap
