# Example 1
Remove-DkimSigningConfig -Identity contoso.com
