# Example 1
Get-UnifiedGroup
# Example 2
Get-UnifiedGroup | Format-List DisplayName,EmailAddresses,Notes,ManagedBy,AccessType
# Example 3
Get-UnifiedGroup -Identity "Marketing Department" | Format-List
# Example 4
Get-UnifiedGroup | Where-Object {-Not $_.ManagedBy}
# Example 5
Get-UnifiedGroup -Filter {ResourceProvisioningOptions -eq "Team"}
