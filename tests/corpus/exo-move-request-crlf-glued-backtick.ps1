# Hybrid move: a remote move request whose last lines never arrive.
$cred = Get-Credential
New-MoveRequest -Identity kim@contoso.com -Remote -RemoteHostName mail.contoso.com`
 -RemoteCredential $cred -TargetDeliveryDomain contoso.mail.onmicrosoft.com
