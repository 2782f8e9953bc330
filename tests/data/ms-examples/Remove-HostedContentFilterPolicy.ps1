# Example 1
Remove-HostedContentFilterPolicy "Contoso Content Filter Policy"
