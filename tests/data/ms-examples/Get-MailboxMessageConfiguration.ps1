# Example 1
Get-MailboxMessageConfiguration tony@contoso.com
# Example 2
Get-MailboxMessageConfiguration tony@contoso.com -DomainController DC1
