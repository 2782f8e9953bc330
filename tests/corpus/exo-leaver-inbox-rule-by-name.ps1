# Leaver: stop the leaver's own forwarding rule and forward to the manager instead.
Connect-ExchangeOnline
$Leaver = "kim@contoso.com"
$Manager = "bob@contoso.com"
Set-InboxRule -Mailbox $Leaver -Name "Forward to home" -ForwardTo $null
Set-InboxRule "Forward to home" -Mailbox $Leaver -StopProcessingRules $true
Set-Mailbox -Identity $Leaver -ForwardingAddress $Manager -DeliverToMailboxAndForward $true
