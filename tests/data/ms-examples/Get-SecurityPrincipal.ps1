# Example 1
Get-SecurityPrincipal -OrganizationalUnit OU=People,DC=Contoso,DC=com
# Example 2
Get-SecurityPrincipal -Filter "Department -eq 'Legal'"
# Example 3
Get-SecurityPrincipal -Identity Administrator
# Example 4
Get-SecurityPrincipal -Types WellKnownSecurityPrincipal | Format-Table Name,SID -AutoSize
