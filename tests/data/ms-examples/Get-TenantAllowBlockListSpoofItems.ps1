# Example 1
Get-TenantAllowBlockListSpoofItems -SpoofType Internal
# Example 2
Get-TenantAllowBlockListSpoofItems -Action Block
# Example 3
Get-TenantAllowBlockListSpoofItems | Format-Table SpoofedUser,SendingInfrastructure,SpoofType,Action
# Example 4
$file = "C:\My Documents\Spoof Tenant Allow Block List.csv"

Get-TenantAllowBlockListSpoofItems | Export-Csv $file
