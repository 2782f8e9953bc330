# Example 1
Get-SmtpDaneInboundStatus -DomainName contoso.com
