# Example 1
Disable-MetaCacheDatabase -Server Mailbox01
