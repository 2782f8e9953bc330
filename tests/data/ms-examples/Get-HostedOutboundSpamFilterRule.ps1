# Example 1
Get-HostedOutboundSpamFilterRule | Format-Table Name,Priority,State,HostedOutboundSpamFilterPolicy
# Example 2
Get-HostedOutboundSpamFilterRule -Identity "Contoso Executives"
