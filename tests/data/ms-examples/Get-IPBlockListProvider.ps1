# Example 1
Get-IPBlockListProvider
# Example 2
Get-IPBlockListProvider -Identity Contoso.com
