# Example 1
Get-MailboxPlan
# Example 2
Get-MailboxPlan -Identity ExchangeOnlineEnterprise | Format-List
