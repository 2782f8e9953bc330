# Example 1
Set-LdapDirectory -Organization contoso.onmicrosoft.com -Id FabrikamLdap -BaseDn "OU=Employees,DC=fabrikam,DC=com"
# Example 2
Set-LdapDirectory -Organization contoso.onmicrosoft.com -Id FabrikamLdap -Host ldap2.fabrikam.com -Port 636 -UseSsl -TimeoutSec 45
# Example 3
Set-LdapDirectory -Organization contoso.onmicrosoft.com -Id FabrikamLdap -Host ldap.fabrikam.com -Port 389 -NoSsl
