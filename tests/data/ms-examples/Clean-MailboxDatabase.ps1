# Example 1
Clean-MailboxDatabase MBD01
