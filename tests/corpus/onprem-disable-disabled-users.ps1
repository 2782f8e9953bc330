$gone = Get-Mailbox -ResultSize Unlimited | ? { $_.ExchangeUserAccountControl -like "AccountDisabled" -and $_.RecipientTypeDetails -eq 'UserMailbox' } | Select-Object alias
foreach ($g in $gone) {
    Disable-Mailbox -DomainController dc01.contoso.local -identity $g.alias
}
