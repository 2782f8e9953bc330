# Example 1
Set-DetailsTemplate -Identity en-us\User
