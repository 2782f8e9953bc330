# Example 1
Get-MailboxExportRequestStatistics -Identity Tony\MailboxExport1
# Example 2
Get-MailboxExportRequestStatistics -Identity Tony\MailboxExport | Export-CSV \\SERVER01\ExportRequest_Reports\Tony_Exportstats.csv
# Example 3
Get-MailboxExportRequestStatistics -Identity Tony\LegalHold -IncludeReport | Format-List
# Example 4
Get-MailboxExportRequestStatistics -MRSInstance CAS01.contoso.com
# Example 5
Get-MailboxExportRequestStatistics -RequestQueue MailboxDatabase01
# Example 6
Get-MailboxExportRequest -Status Failed | Get-MailboxExportRequestStatistics -IncludeReport | Format-List > AllExportReports.txt
