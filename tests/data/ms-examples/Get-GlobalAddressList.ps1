# Example 1
Get-GlobalAddressList
# Example 2
Get-GlobalAddressList -Identity GAL_AgencyB | Format-List
