# Example 1
Get-FocusedInbox -Identity julia@contoso.com
