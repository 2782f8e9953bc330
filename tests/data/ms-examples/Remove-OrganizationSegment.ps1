# Example 1
Remove-OrganizationSegment -Identity "Engineering Group"
