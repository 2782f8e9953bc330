$rows = foreach ($m in Get-Mailbox -ResultSize Unlimited) {
    Get-MailboxPermission -Identity $m.Identity -ErrorAction SilentlyContinue | Where-Object { -not $_.IsInherited -and $_.User -notlike "NT AUTHORITY\SELF" }
    Get-ADPermission -Identity $m.Identity -ErrorAction SilentlyContinue | Where-Object { $_.ExtendedRights -like "*Send-As*" }
}
$rows | Export-Csv .\permissions.csv -NoTypeInformation
