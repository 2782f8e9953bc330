# Example 1
Remove-IPAllowListProvider Contoso.com
