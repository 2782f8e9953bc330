# Example 1
Get-MailboxImportRequestStatistics -Identity Tony\MailboxImport1
# Example 2
Get-MailboxImportRequestStatistics -Identity Tony\MailboxImport1 | Export-CSV \\SERVER01\ImportRequest_Reports\Tony_Importstats.csv
# Example 3
Get-MailboxImportRequestStatistics -Identity Tony\LegalHold -IncludeReport | Format-List
# Example 4
Get-MailboxImportRequestStatistics -MRSInstance CAS01.contoso.com
# Example 5
Get-MailboxImportRequest -Status Failed | Get-MailboxImportRequestStatistics -IncludeReport | Format-List > AllImportReports.txt
