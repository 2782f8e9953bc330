# Example 1
New-ThrottlingPolicy -Name <NewPolicyName> -EWSPercentTimeInCAS 80 -EWSPercentTimeInAD $null
# Example 2
New-ThrottlingPolicy -Name ITUserPolicy -EwsMaxConcurrency 4 -ThrottlingPolicyScope Regular
# Example 3
New-ThrottlingPolicy -Name <NewPolicyName> -EWSPercentTimeInCAS 80
# Example 4
New-ThrottlingPolicy -Name AllUsersEWSPolicy -EwsMaxConcurrency 4 -ThrottlingPolicyScope Organization
# Example 5
New-ThrottlingPolicy -Name RemoteSiteUserPolicy -PowerShellMaxConcurrency 3 -PowerShellMaxCmdletQueueDepth 12
# Example 6
New-ThrottlingPolicy -Name ITStaffUserPolicyCmdletMax -PowerShellMaxCmdlets 10 -PowerShellMaxCmdletsTimePeriod 5
# Example 7
New-ThrottlingPolicy -Name ITStaffUserPolicyDestructiveCmdlets -PowerShellMaxDestructiveCmdlets 10 -PowerShellMaxDestructiveCmdletsTimePeriod 60
