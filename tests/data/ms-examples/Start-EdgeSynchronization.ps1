# Example 1
Start-EdgeSynchronization -Server Mailbox01
