# Example 1
Get-IPAllowListProvider
# Example 2
Get-IPAllowListProvider Contoso.com | Format-List
