# Example 1
Get-EXOMailboxStatistics -Identity john@contoso.com
# Example 2
Get-EXOMailboxStatistics -Identity john@contoso.com -Properties SystemMessageSize,SystemMessageSizeWarningQuota,SystemMessageCount
