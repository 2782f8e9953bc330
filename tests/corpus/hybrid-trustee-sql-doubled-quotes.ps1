# Mailbox trustees written out as SQL rows; quotes in names are doubled for SQL inside $( ).
$ignore = @('svc-backup@fabrikam.com', "o'neil@fabrikam.com")
$rows = Get-Mailbox -ResultSize Unlimited | ForEach-Object {
    $perms = Get-MailboxPermission -Identity $_.PrimarySmtpAddress | Where-Object { -not $_.IsInherited }
    foreach ($p in $perms) {
        "('$($_.PrimarySmtpAddress -replace ""'"",""''"")','$($p.User -replace ""'"",""''"")','$($p.AccessRights -join ';')'),`n"
    }
}
$sql = "INSERT INTO Trustees VALUES`n" + ($rows -join '') +
    "-- ignored: '$((($ignore -replace ""'"",""''"") -join ',') -replace ',',""','"")'`n"
$sql | Set-Content .\trustees.sql
