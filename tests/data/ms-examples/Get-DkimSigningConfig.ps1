# Example 1
Get-DkimSigningConfig
# Example 2
Get-DkimSigningConfig -Identity contoso.com | Format-List
