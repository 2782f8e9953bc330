# Example 1
Disable-InboxRule -Identity "MoveAnnouncements" -Mailbox "Joe@Contoso.com"
