# Example 1
Remove-HostedOutboundSpamFilterRule -Identity "Contoso Executives"
