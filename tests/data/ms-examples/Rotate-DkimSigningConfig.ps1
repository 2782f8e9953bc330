# Example 1
Rotate-DkimSigningConfig -Identity contoso.com
