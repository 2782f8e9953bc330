# Example 1
Test-Mailflow Mailbox1 -TargetMailboxServer Mailbox2
# Example 2
Test-Mailflow -TargetEmailAddress john@contoso.com
