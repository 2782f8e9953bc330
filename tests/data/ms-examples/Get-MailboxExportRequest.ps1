# Example 1
Get-MailboxExportRequest -Identity "tony\DB01toPST"
# Example 2
Get-MailboxExportRequest -Status InProgress -Database DB01
# Example 3
Get-MailboxExportRequest -BatchName "Attachment_CompanyReport" -Status Completed
# Example 4
Get-MailboxExportRequest -Name "DB01toPST" -Suspend $true
