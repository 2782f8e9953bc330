# Example 1
Set-AuditConfig -Workload Exchange,SharePoint
