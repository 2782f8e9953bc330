# Example 1
Get-MoveRequestStatistics -Identity Tony@contoso.com
# Example 2
Get-MoveRequestStatistics -Identity "contoso\tony" | Format-List
# Example 3
Get-MoveRequestStatistics -Identity Tony@contoso.com -IncludeReport | Export-CSV C:\MRStats.csv
# Example 4
Get-MoveRequestStatistics -MoveRequestQueue "MBXDB02"
# Example 5
Get-MoveRequestStatistics -MRSInstance CAS01.contoso.com -MailboxGuid b6a6795c-a010-4f67-aaaa-da372d56fcb9
# Example 6
Get-MoveRequestStatistics tony@contoso.com -IncludeReport -DiagnosticInfo Verbose | Export-Clixml "C:\Data\MoveReport.xml"
