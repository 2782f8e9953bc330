# Example 1
Enable-DnssecForVerifiedDomain -DomainName contoso.com
