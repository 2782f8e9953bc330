# Example 1
Get-AdministrativeUnit
# Example 2
Get-AdministrativeUnit -Identity "West Coast" | Format-List
