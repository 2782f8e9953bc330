# Example 1
Set-InboxRule -Mailbox chris@contoso.com -Name ProjectContoso -MarkImportance "High"
