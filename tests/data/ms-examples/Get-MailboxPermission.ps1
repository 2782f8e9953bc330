# Example 1
Get-MailboxPermission -Identity john@contoso.com | Format-List
# Example 2
Get-MailboxPermission -Identity john@contoso.com -User "Ayla"
# Example 3
Get-MailboxPermission -Identity Room222 -Owner
