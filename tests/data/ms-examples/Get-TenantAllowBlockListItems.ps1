# Example 1
Get-TenantAllowBlockListItems -ListType Url -Block
# Example 2
Get-TenantAllowBlockListItems -ListType FileHash -Entry "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
# Example 3
Get-TenantAllowBlockListItems -ListType Url -ListSubType AdvancedDelivery
