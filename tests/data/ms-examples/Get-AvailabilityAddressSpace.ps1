# Example 1
Get-AvailabilityAddressSpace
# Example 2
Get-AvailabilityAddressSpace -Identity Contoso.com | Format-List
