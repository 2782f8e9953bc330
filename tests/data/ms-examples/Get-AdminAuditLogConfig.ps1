# Example 1
Get-AdminAuditLogConfig | Format-List
