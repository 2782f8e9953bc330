# Hybrid migration batch from a CSV, notification addresses kept in a variable.
$csv = Read-Host "Path to the CSV (column EmailAddress)"
$tenant = (Get-OrganizationConfig).Identity
$notify "admin@contoso.com,helpdesk@contoso.com"
$endpoint = (Get-MigrationEndpoint).Identity
New-MigrationBatch -Name "Wave1" -SourceEndpoint $endpoint -TargetDeliveryDomain "$tenant.mail.onmicrosoft.com" -CSVData ([System.IO.File]::ReadAllBytes($csv)) -NotificationEmails $notify -AutoStart
