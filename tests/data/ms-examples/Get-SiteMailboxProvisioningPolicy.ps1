# Example 1
Get-SiteMailboxProvisioningPolicy
# Example 2
Get-SiteMailboxProvisioningPolicy -Identity SM_NewPolicy | Format-List
