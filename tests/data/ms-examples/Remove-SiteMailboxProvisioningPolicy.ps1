# Example 1
Remove-SiteMailboxProvisioningPolicy -Identity Default
