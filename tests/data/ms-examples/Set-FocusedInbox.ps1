# Example 1
Set-FocusedInbox -Identity laura@contoso.com -FocusedInboxOn $false
