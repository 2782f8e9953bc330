$dbs = Get-MailboxDatabase
$dbs | ForEach-Object { Get-MailboxStatistics -Database $_.DistinguishedName } | Where-Object { $_.DisconnectReason -eq "Disabled" } | Format-Table DisplayName, Database, DisconnectDate
