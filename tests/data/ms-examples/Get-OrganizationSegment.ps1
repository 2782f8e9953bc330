# Example 1
Get-OrganizationSegment | Format-List Name,UserGroupFilter
# Example 2
Get-OrganizationSegment -Identity "Engineering Group"
