# Example 1
Get-AuditLogSearch | Format-List
# Example 2
Get-AuditLogSearch -Type admin
