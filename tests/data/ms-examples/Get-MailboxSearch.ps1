# Example 1
Get-MailboxSearch -ResultSize "unlimited"
# Example 2
Get-MailboxSearch "Project Hamilton" | Format-List
# Example 3
(Get-Mailbox Mark).InPlaceHolds

Get-MailboxSearch -InPlaceHoldIdentity 9953d0f0fd03415e949d4b41c5a28cbb
