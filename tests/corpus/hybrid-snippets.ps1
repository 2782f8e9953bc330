Set-MailboxAutoReplyConfiguration -Identity someone@contoso.co.uk -AutoReplyState Enabled -InternalMessage "away" -ExternalMessage "away"
Get-Mailbox | Get-MailboxPermission -User jdoe | Select-Object -Property *
Set-RemoteMailbox jdoe -EmailAddresses jdoe@contoso.co.uk -EmailAddressPolicyEnabled $false
