Connect-ExchangeOnline | Out-Null
Get-Mailbox -ResultSize Unlimited | ForEach-Object {
    Get-InboxRule -Mailbox $_.PrimarySmtpAddress | Where-Object { $_.ForwardTo -or $_.RedirectTo -or $_.ForwardAsAttachmentTo }
}
Get-TransportRule -ResultSize Unlimited | Where-Object { $_.RedirectMessageTo }
Disconnect-ExchangeOnline -Confirm:$false
