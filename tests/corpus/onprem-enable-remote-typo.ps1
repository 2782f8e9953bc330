$sam = Read-Host -Prompt "User name"
$target = $sam + "@contoso.mail.onmicrosoft.com"
Enable-RemoteMailbox $sam -RemoteRoutingAddresse $target
$pw = Read-Host -AsSecureString -Prompt "New password"
Set-ADAccountPassword -Identity $sam -NewPassword $pw -Reset
