# Example 1
Disable-HostedContentFilterRule "Contoso Recipients"
