# Example 1
Get-NetworkConnectionInfo Mailbox01
