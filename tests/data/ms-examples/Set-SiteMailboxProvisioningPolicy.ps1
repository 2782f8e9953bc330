# Example 1
Set-SiteMailboxProvisioningPolicy -Identity Default -MaxReceiveSize 25MB
# Example 2
Set-SiteMailboxProvisioningPolicy -Identity Default -IssueWarningQuota 9GB -ProhibitSendReceiveQuota 10GB
# Example 3
Set-SiteMailboxProvisioningPolicy -Identity SM_DefaultPolicy -AliasPrefix Project
