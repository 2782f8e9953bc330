# Example 1
Get-EXOMailboxPermission -Identity john@contoso.com
