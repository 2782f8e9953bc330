# Example 1
Enable-InboxRule "Move To Junk Mail" -Mailbox "User 1"
