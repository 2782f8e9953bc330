$gone = Get-Mailbox -ResultSize Unlimited | Where-Object { $_.ExchangeUserAccountControl -like "AccountDisabled" } | Select-Object alias
foreach ($g in $gone) {
    New-MailboxExportRequest -DomainController dc01.contoso.local -mailbox $g.alias -FilePath \\fs01\Exports\$($g.alias).pst
}
