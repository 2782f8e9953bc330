# Example 1
Get-CASMailboxPlan | Format-Table -Auto DisplayName,ActiveSyncEnabled,ImapEnabled,PopEnabled,OwaMailboxPolicy
# Example 2
Get-CASMailboxPlan -Identity ExchangeOnlineEnterprise
