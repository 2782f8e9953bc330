# Example 1
$a = Get-ThrottlingPolicy RemoteSiteUserPolicy

$a | Set-ThrottlingPolicy -EwsMaxConcurrency 4
# Example 2
Set-ThrottlingPolicy RemoteSiteUserPolicy -PowerShellMaxConcurrency 3 -PowerShellMaxCmdletQueueDepth 12
# Example 3
Set-ThrottlingPolicy <ThrottlingPolicyName> -PowerShellMaxDestructiveCmdlets 10 -PowerShellMaxDestructiveCmdletsTimePeriod 60
