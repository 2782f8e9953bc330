# [Exchange 2013 EMS]
Get-PublicFolder -Recurse | Get-PublicFolderClientPermission | Select-Object FolderName,User,@{Name='Rights';Expression={[string]::join('|', [string[]]$_.AccessRights)}} | Export-Csv pf-rights.csv -NTI
Get-MailPublicFolder -Recurse | Get-PublicFolderClientPermission | Select-Object FolderName,User | Export-Csv pf-onbehalf.csv -NTI
Get-MailPublicFolder | Get-ADPermission | ? { $_.ExtendedRights -like "Send-as*" } | Select-Object Identity,User | Export-Csv pf-sendas.csv -NTI
