# Example 1
Get-HostedContentFilterRule
# Example 2
Get-HostedContentFilterRule "Contoso Recipients" | Format-List
