# Example 1
Set-IPAllowListProvidersConfig -InternalMailEnabled $true
