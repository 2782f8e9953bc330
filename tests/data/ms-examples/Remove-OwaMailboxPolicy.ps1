# Example 1
Remove-OwaMailboxPolicy -Identity Executives
# Example 2
Remove-OwaMailboxPolicy -Identity Fabrikam\Employees
# Example 3
Remove-OwaMailboxPolicy -Identity Litware\Contoso\Corporate
