# Example 1
Add-LdapDirectory -Organization contoso.onmicrosoft.com -Id FabrikamLdap -Host ldap.fabrikam.com -Port 636 -UseSsl
# Example 2
Add-LdapDirectory -Organization contoso.onmicrosoft.com -Id FabrikamLdap -Host 10.0.0.25 -Port 389 -BaseDn "OU=Users,DC=fabrikam,DC=com" -TimeoutSec 30
