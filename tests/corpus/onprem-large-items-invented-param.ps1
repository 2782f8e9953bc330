param([string]$Identity)
$big = Get-MailboxFolderStatistics -Identity $Identity -StatisticType Items -ErrorAction Stop | Where-Object { $_.ItemsInFolder -gt 0 }
Get-MailboxFolderStatistics -Identity $Identity -FolderScope All -IncludeAnalysis | Select-Object Name, TopSubject, TopSubjectSize
