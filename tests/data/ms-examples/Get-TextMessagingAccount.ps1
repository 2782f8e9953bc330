# Example 1
Get-TextMessagingAccount -Identity tony@contoso.com
# Example 2
$mbx = Get-Mailbox -RecipientTypeDetails UserMailbox -ResultSize Unlimited

$mbx | foreach {Get-TextMessagingAccount -Identity $_.Alias | where {($_.NotificationPhoneNumberVerified -eq $true)} | Format-Table Identity,NotificationPhoneNumber}
