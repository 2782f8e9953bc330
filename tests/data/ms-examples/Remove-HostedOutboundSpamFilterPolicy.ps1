# Example 1
Remove-HostedOutboundSpamFilterPolicy -Identity "Contoso Executives"
