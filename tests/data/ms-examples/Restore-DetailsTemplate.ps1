# Example 1
Restore-DetailsTemplate -Identity en-us\User
