# Example 1
Enable-MailboxQuarantine "Brian Johnson"
