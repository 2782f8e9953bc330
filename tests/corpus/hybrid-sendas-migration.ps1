Add-PSSnapin *EXC* -ErrorAction SilentlyContinue
$pairs = foreach ($m in Get-Mailbox -ResultSize Unlimited) {
    Get-ADPermission $m.DistinguishedName -ErrorAction SilentlyContinue | Where-Object { $_.ExtendedRights -like "*Send-As*" -and -not $_.IsInherited } |
        ForEach-Object { [pscustomobject]@{ Box = $m.PrimarySmtpAddress; Who = $_.User } }
}
Connect-ExchangeOnline -ErrorAction Stop
foreach ($p in $pairs) {
    Add-RecipientPermission -Identity $p.Box -Trustee $p.Who -AccessRights SendAs -Confirm:$false -ErrorAction Stop -WarningAction SilentlyContinue
}
