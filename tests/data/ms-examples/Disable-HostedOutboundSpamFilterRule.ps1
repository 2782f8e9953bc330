# Example 1
Disable-HostedOutboundSpamFilterRule "Contoso Executives"
