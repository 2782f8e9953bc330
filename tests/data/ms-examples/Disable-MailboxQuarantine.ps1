# Example 1
Disable-MailboxQuarantine "Brian Johnson"
