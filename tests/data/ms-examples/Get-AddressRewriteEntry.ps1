# Example 1
Get-AddressRewriteEntry
# Example 2
Get-AddressRewriteEntry "Address rewrite entry for contoso.com" | Format-List
