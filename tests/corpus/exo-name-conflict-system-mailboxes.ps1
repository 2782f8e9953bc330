param([Parameter(Mandatory)][string]$SearchName)
try { Connect-ExchangeOnline -ShowBanner:$false -ErrorAction Stop } catch { throw }
# Remote mailboxes exist only where a hybrid on-premises organisation is managed
try {
    $remote = Get-RemoteMailbox -ResultSize Unlimited | Where-Object { $_.DisplayName -like "*$SearchName*" }
} catch { Write-Verbose "No remote mailboxes here" }
try {
    $system = Get-Mailbox -RecipientTypeDetails ArbitrationMailbox -ResultSize Unlimited -ErrorAction SilentlyContinue |
        Where-Object { $_.DisplayName -like "*$SearchName*" }
    $pf = Get-Mailbox -RecipientTypeDetails PublicFolderMailbox -ResultSize Unlimited -ErrorAction SilentlyContinue
} catch { }
$groups = Get-Recipient -RecipientTypeDetails GroupMailbox -ResultSize Unlimited | Where-Object { $_.Alias -like "*$SearchName*" }
