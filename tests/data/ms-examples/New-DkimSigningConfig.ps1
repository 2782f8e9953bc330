# Example 1
New-DkimSigningConfig -DomainName contoso.com -Enabled $true
