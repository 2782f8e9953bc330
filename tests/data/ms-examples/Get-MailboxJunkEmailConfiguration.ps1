# Example 1
Get-MailboxJunkEmailConfiguration -Identity "David Pelton"
# Example 2
$AllUsers = Get-Mailbox -ResultSize unlimited -RecipientTypeDetails UserMailbox

$AllUsers | foreach {Get-MailboxJunkEmailConfiguration -Identity $_.UserPrincipalName} | Where {$_.Enabled -eq $false} | Format-Table -Auto Identity,Enabled
