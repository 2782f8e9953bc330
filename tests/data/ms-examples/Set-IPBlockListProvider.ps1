# Example 1
Set-IPBlockListProvider Contoso.com -AnyMatch $true
# Example 2
Set-IPBlockListProvider Contoso.com -Priority 1
