# Example 1
Get-MailboxServer | Test-MRSHealth
# Example 2
Test-MRSHealth MBX01
