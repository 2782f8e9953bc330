# Example 1
Get-ServicePrincipal
# Example 2
Get-ServicePrincipal -Identity ca73fffa-cedb-4b84-860f-d7fb8aa8a6c1 | Format-List
