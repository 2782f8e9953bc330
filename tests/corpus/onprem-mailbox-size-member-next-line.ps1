# Mailbox details with a computed size column, and quotas back to the database defaults.
Add-PSSnapin Microsoft.Exchange.Management.PowerShell.E2010
$Mailbox = Read-Host "Mailbox"
$db = (Get-Mailbox $Mailbox).Database
(Get-Mailbox $Mailbox | Get-MailboxStatistics | Add-Member -MemberType ScriptProperty -Name SizeMB -Value

{$this.TotalItemSize.Value.ToMB()} -PassThru | Format-List DisplayName,SizeMB | Out-String).Trim()
Write-Host "Database:" $db
Set-Mailbox -Identity $Mailbox -ProhibitSendQuota Unlimited -IssueWarningQuota Unlimited -
Set-Mailbox -Identity $Mailbox -UseDatabaseQuotaDefaults $true
