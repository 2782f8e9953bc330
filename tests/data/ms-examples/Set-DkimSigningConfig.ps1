# Example 1
Set-DkimSigningConfig -Identity contoso.com -Enabled $false
