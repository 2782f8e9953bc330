# Example 1
Get-MailboxImportRequest -Identity "tony\Recovered"
# Example 2
Get-MailboxImportRequest -Status InProgress -Database DB01
# Example 3
Get-MailboxImportRequest -BatchName "ImportingDB1PSTs" -Status Completed
# Example 4
Get-MailboxImportRequest -Name "Recovered" -Suspend $true
