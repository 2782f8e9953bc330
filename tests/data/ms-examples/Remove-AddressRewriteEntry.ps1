# Example 1
Remove-AddressRewriteEntry "Address rewrite entry for contoso.com"
# Example 2
Get-AddressRewriteEntry | Where {$_.InternalAddress -like '*contoso.com'} | Remove-AddressRewriteEntry
