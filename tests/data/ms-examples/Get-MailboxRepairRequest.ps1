# Example 1
Get-MailboxDatabase | Get-MailboxRepairRequest | Format-Table Identity

Get-MailboxRepairRequest -Identity 5b8ca3fa-8227-427f-af04-9b4f206d611f\335c2b06-321d-4e73-b2f7-3dc2b02d0df5\374289de-b899-42dc-8391-4f8579935f1f | Format-List
# Example 2
Get-MailboxRepairRequest -Mailbox "Ann Beebe" | Format-List
# Example 3
$MailboxGuid = Get-MailboxStatistics annb

Get-MailboxRepairRequest -Database $MailboxGuid.Database -StoreMailbox $MailboxGuid.MailboxGuid | Format-List Identity
