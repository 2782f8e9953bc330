param([pscredential]$Credential)
if ($Credential) { Connect-ExchangeOnline -Credential $Credential -ShowProgress $false | Out-Null } else { Connect-ExchangeOnline | Out-Null }
$held = Get-Mailbox -IncludeInactiveMailbox -ResultSize Unlimited | Where-Object { $_.LitigationHoldEnabled -eq $true }
foreach ($h in $held) {
    $tags = ((Get-RetentionPolicy -Identity $h.RetentionPolicy).RetentionPolicyTagLinks) -join ","
    [pscustomobject]@{ Name = $h.DisplayName; Tags = $tags }
}
Disconnect-ExchangeOnline -Confirm:$false -InformationAction Ignore -ErrorAction SilentlyContinue
