# Example 1
Connect-ExchangeOnline -UserPrincipalName chris@contoso.com
# Example 2
Connect-ExchangeOnline -AppId <%App_id%> -CertificateThumbprint <%Thumbprint string of certificate%> -Organization "contoso.onmicrosoft.com"
# Example 3
Connect-ExchangeOnline -AppId <%App_id%> -Certificate <%X509Certificate2 object%> -Organization "contoso.onmicrosoft.com"
# Example 4
Connect-ExchangeOnline -Device
# Example 6
Connect-ExchangeOnline -InlineCredential
