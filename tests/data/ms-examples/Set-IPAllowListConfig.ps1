# Example 1
Set-IPAllowListConfig -InternalMailEnabled $true
