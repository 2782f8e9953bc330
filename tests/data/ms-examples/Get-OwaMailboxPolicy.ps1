# Example 1
Get-OwaMailboxPolicy
# Example 2
Get-OwaMailboxPolicy -Identity Executives | Format-List
# Example 3
Get-OwaMailboxPolicy -Identity Proseware\Contoso\Corporate
