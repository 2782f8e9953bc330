# Example 1
Get-MailboxAuditBypassAssociation -ResultSize unlimited | Format-Table Name,AuditBypassEnabled
# Example 2
Get-MailboxAuditBypassAssociation -Identity "Svc-MyApplication"
# Example 3
$MBX = Get-MailboxAuditBypassAssociation -ResultSize unlimited

$MBX | where {$_.AuditBypassEnabled -eq $true} | Format-Table Name,AuditBypassEnabled
