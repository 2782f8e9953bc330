# Example 1
Set-HostedOutboundSpamFilterRule -Identity "Contoso Executives" -ExceptIfFrom "Elizabeth Brunner"
