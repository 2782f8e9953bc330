# Example 1
Enable-SmtpDaneInbound -DomainName contoso.com
