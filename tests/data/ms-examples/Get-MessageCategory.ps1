# Example 1
Get-MessageCategory -Mailbox "User1"
