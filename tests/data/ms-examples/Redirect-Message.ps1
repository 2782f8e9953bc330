# Example 1
Redirect-Message -Server Mailbox01 -Target Mailbox02
