# Example 1
New-OrganizationSegment -Name "HR" -UserGroupFilter "Department -eq 'HR'"
# Example 2
New-OrganizationSegment -Name "NotSales" -UserGroupFilter "Department -ne 'Sales'"
# Example 3
New-OrganizationSegment -Name "LocalFTE" -UserGroupFilter "Location -eq 'Local' -and Position -ne 'Temporary'"
