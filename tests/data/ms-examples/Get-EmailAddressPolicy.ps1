# Example 1
Get-EmailAddressPolicy
# Example 2
Get-EmailAddressPolicy -Identity "Contoso Employees"
