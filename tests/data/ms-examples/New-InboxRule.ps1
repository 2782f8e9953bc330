# Example 1
New-InboxRule -Mailbox chris@contoso.com -Name "CheckActionRequired" -MyNameInToBox $true -FlaggedForAction Any -MarkImportance "High"
