# Exchange Online report of shared mailboxes and their size
Connect-ExchangeOnline
$shared = Get-EXOMailbox -RecipientTypeDetails SharedMailbox -ResultSize Unlimited
foreach ($m in $shared) {
    $stats = Get-EXOMailboxStatistics -Identity $m.UserPrincipalName
    [pscustomobject]@{ Name = $m.DisplayName; Size = $stats.TotalItemSize } | Export-Csv report.csv -Append -NoTypeInformation
}
Get-Mailbox -Identity "" | Set-Mailbox -T Shared
