$out = "C:\Reports"
Get-Mailbox | Get-MailboxPermission | Where-Object { ($_.AccessRights -like "*fullaccess*") -and -not ($_.User -like "NT AUTHORITY\SELF") -and -not ($_.User -like "*\Domain Admins") } | Export-Csv "$out\permission.csv"
Exit-PSSession
