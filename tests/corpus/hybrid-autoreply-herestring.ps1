$newbox = "service"
$text = @"
This address closes next month.
Please write to $newbox@contoso.com from now on.
"@
$old = "app.feedback"
$found = try { Get-Mailbox $old } catch {}
if ($found) {
    Set-MailboxAutoReplyConfiguration -Identity $found -InternalMessage $text -ExternalMessage $text -ExternalAudience All -Confirm:$false -AutoReplyState Enabled
    Get-MailboxAutoReplyConfiguration $found
}
