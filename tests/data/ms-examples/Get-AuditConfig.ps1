# Example 1
Get-AuditConfig
