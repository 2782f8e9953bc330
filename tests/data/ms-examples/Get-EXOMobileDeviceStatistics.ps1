# Example 1
Get-EXOMobileDeviceStatistics -Mailbox john.doe@contoso.com
# Example 2
Get-EXOMobileDeviceStatistics -Mailbox john.doe@contoso.com -ActiveSync
