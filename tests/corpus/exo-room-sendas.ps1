Add-RecipientPermission "room.north@contoso.com" -trustee "pat.kim@contoso.com" -AccessRights sendAs -Confirm:$false
Get-RecipientPermission "room.north@contoso.com"
Add-MailboxPermission "room.north@contoso.com" -user "pat.kim@contoso.com" -AccessRights fullaccess -Confirm:$false
