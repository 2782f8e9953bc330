# Example 1
Disable-DnssecForVerifiedDomain -DomainName contoso.com
