# Example 1
Add-IPBlockListProvider -Name "Contoso.com Block List" -LookupDomain blocklist.contoso.com -RejectionResponse "Source IP address is listed at the Contoso.com block list provider"
# Example 2
Add-IPBlockListProvider -Name "Fabrikam.com Block List" -LookupDomain blocklist.fabrikam.com -BitmaskMatch 127.1.0.1
