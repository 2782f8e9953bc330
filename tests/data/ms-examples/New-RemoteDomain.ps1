# Example 1
New-RemoteDomain -DomainName *.contoso.com -Name Contoso
