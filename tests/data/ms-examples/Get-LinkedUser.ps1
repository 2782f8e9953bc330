# Example 1
Get-LinkedUser
# Example 2
Get-RemoteMailbox -Identity laura@contoso.com | Format-List
