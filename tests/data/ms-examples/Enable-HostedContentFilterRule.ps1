# Example 1
Enable-HostedContentFilterRule "Contoso Recipients"
