# Example 1
Get-DetailsTemplate -Identity en-us\User
# Example 2
Get-DetailsTemplate -Identity *\*
# Example 3
Get-DetailsTemplate -Identity *\User
