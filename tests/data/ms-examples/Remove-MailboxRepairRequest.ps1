# Example 1
Get-MailboxRepairRequest -Database "EXCH-MBX-01" | Remove-MailboxRepairRequest
# Example 2
Get-MailboxRepairRequest -Database "EXCH-MBX-02" | Format-List Identity

Remove-MailboxRepairRequest -Identity 5b8ca3fa-8227-427f-af04-9b4f206d611f\335c2b06-321d-4e73-b2f7-3dc2b02d0df5
# Example 3
Get-MailboxRepairRequest -Database "EXCH-MBX-02" | Format-List Identity

Remove-MailboxRepairRequest -Identity 5b8ca3fa-8227-427f-af04-9b4f206d611f\189c7852-49bd-4737-a53e-6e6caa5a183c\1d8ca58a-186f-4dc6-b481-f835b548a929
