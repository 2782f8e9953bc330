# Public folder notes: the cmdlets to remember, and a few that were run.
Add-PSSnapin Microsoft.Exchange.Management.PowerShell.SnapIn
Get-MailPublicFolder
Get-PublicFolder
New-SyncMailPublicFolder
Remove-SyncMailPublicFolder
Set-PublicFolder
Get-PublicFolder \Marketing -Recurse
New-PublicFolder -Name Reports -Path \Finance
