# Example 1
Remove-AvailabilityAddressSpace -Identity Contoso.com
# Example 2
Remove-AvailabilityAddressSpace -Identity Contoso.com -Confirm:$false
