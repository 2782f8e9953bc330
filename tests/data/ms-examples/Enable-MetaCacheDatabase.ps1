# Example 1
Enable-MetaCacheDatabase -Server Mailbox01
