# Example 1
Get-OrganizationalUnit "North America" -SingleNodeOnly | Format-Table Name, DistinguishedName
# Example 2
Get-OrganizationalUnit -SearchText "Executives" | Format-Table Name, DistinguishedName
