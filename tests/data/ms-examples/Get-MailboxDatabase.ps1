# Example 1
Get-MailboxDatabase
# Example 2
Get-MailboxDatabase -Identity MailboxDatabase01 -Status | Format-List
