# Example 1
Disconnect-ExchangeOnline
# Example 2
Disconnect-ExchangeOnline -Confirm:$false
# Example 3
Disconnect-ExchangeOnline -ConnectionId 1a9e45e8-e7ec-498f-9ac3-0504e987fa85
# Example 4
Disconnect-ExchangeOnline -ModulePrefix Contoso,Fabrikam
