# Example 1
Set-IPAllowListProvider Contoso.com -AnyMatch $true
# Example 2
Set-IPAllowListProvider Contoso.com -Priority 1
