# Example 1
Set-IPBlockListConfig -InternalMailEnabled $true
