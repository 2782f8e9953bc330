# Example 1
Remove-IPBlockListProvider Contoso.com
