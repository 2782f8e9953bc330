# Example 1
Add-IPAllowListProvider -Name "Contoso.com Allow List" -LookupDomain allowlist.contoso.com -AnyMatch $true
# Example 2
Add-IPAllowListProvider -Name "Fabrikam.com Allow List" -LookupDomain allowlist.fabrikam.com -BitmaskMatch 127.1.0.1
