# Example 1
Set-HostedContentFilterRule "Contoso Recipients" -ExceptIfSentToMemberOf "Contoso Human Resources"
