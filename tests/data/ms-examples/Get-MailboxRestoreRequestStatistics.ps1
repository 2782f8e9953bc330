# Example 1
Get-MailboxRestoreRequestStatistics -Identity "Tony\MailboxRestore1"
# Example 2
Get-MailboxRestoreRequestStatistics -Identity Tony\MailboxRestore | Export-CSV \\SERVER01\RestoreRequest_Reports\Tony_Restorestats.csv
# Example 3
Get-MailboxRestoreRequestStatistics -Identity Tony\MailboxRestore -IncludeReport | Format-List
# Example 4
Get-MailboxRestoreRequestStatistics -MRSInstance CAS01.contoso.com
# Example 5
Get-MailboxRestoreRequest -Status Failed | Get-MailboxRestoreRequestStatistics -IncludeReport | Format-List > C:\Reports\AllRestoreReports.txt
