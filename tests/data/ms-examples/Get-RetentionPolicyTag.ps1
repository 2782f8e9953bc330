# Example 1
Get-RetentionPolicyTag
# Example 2
Get-RetentionPolicyTag -IncludeSystemTags
# Example 3
Get-RetentionPolicyTag "Consolidated Messenger"
# Example 4
Get-RetentionPolicyTag -Types Inbox,All | Format-Table Name,Type,RetentionEnabled,AgeLimitForRetention,RetentionAction -AutoSize
