New-MailContact -Name "Forward to partner" -ExternalEmailAddress "kim@partner.example"
Set-Mailbox "kim" -ForwardingAddress "Forward to partner" -DeliverToMailboxAndForward $true
