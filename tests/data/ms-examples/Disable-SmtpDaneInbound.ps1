# Example 1
Disable-SmtpDaneInbound -DomainName contoso.com
