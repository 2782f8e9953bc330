Connect-ExchangeOnline
$boxes = Get-Mailbox -ResultSize Unlimited -Property ExchangeGuid, RecipientTypeDetails, MaxSendSize
$boxes2 = Get-EXOMailbox -ResultSize Unlimited -Properties ExchangeGuid, RecipientTypeDetails, MaxSendSize
foreach ($b in $boxes2) { Set-Mailbox $b.UserPrincipalName -MaxSendSize 35MB -MaxReceiveSize 36MB }
