# Example 1
Enable-HostedOutboundSpamFilterRule "Contoso Executives"
