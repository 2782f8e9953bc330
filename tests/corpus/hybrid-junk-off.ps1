Set-MailboxJunkEmailConfiguration "kim@contoso.com" -Enabled $false
