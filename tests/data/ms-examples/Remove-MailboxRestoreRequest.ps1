# Example 1
Remove-MailboxRestoreRequest -Identity "Ayla\MailboxRestore1"
# Example 2
Get-MailboxRestoreRequest -Status Completed | Remove-MailboxRestoreRequest
# Example 3
Remove-MailboxRestoreRequest -RequestQueue MBXDB01 -RequestGuid 25e0eaf2-6cc2-4353-b83e-5cb7b72d441f
