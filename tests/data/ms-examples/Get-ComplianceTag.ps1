# Example 1
Get-ComplianceTag | Format-Table -Auto Name,Priority,RetentionAction,RetentionDuration,Workload
# Example 2
Get-ComplianceTag -Identity "HR Content"
