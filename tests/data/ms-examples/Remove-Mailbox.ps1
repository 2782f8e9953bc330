# Example 1
Remove-Mailbox -Identity "John Rodman"
# Example 2
Remove-Mailbox -Identity "John Rodman" -Permanent $true
# Example 3
$Temp = Get-Mailbox | Where {$_.DisplayName -eq 'John Rodman'}

Remove-Mailbox -Database Server01\Database01 -StoreMailboxIdentity $Temp.MailboxGuid
# Example 4
Get-Mailbox -Identity Laura -SoftDeletedMailbox | Remove-Mailbox -PermanentlyDelete
