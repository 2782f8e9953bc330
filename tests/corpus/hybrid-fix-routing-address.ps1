if (-not (Get-Command Connect-ExchangeOnline -ErrorAction SilentlyContinue)) { Add-PSSnapin *EXC* -ErrorAction SilentlyContinue }
Connect-ExchangeOnline -ShowProgress $true -ErrorAction Stop
$cloud = Get-Mailbox -ResultSize Unlimited -RecipientTypeDetails UserMailbox | Select-Object PrimarySmtpAddress, Alias
Disconnect-ExchangeOnline -Confirm:$false
foreach ($c in $cloud) {
    $r = Get-Recipient $c.PrimarySmtpAddress -ErrorAction SilentlyContinue
    if ($r.RecipientTypeDetails -eq 'MailUser') {
        Enable-RemoteMailbox -Identity $c.PrimarySmtpAddress -RemoteRoutingAddress "$($c.Alias)@contoso.mail.onmicrosoft.com" -ErrorAction Stop
    }
}
