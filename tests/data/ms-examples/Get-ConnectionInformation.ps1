# Example 1
Get-ConnectionInformation
# Example 2
Get-ConnectionInformation -ConnectionId 1a9e45e8-e7ec-498f-9ac3-0504e987fa85
# Example 3
Get-ConnectionInformation -ModulePrefix Contoso,Fabrikam
