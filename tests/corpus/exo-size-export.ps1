$boxes = Get-Mailbox -ResultSize Unlimited -RecipientTypeDetails UserMailbox
$rows = foreach ($b in $boxes) {
    $st = Get-MailboxStatistics -Identity $b.SamAccountName
    $gb = [math]::Round(([long]((($st.TotalItemSize.Value -split "\(")[1] -split " ")[0] -split "," -join "")) / 1GB, 3)
    [pscustomobject]@{ User = $b.SamAccountName; SizeGB = $gb }
}
$rows | Export-Csv "$HOME\Desktop\sizes.csv" -NoTypeInformation -Encoding Unicode
