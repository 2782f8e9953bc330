# Example 1
New-DistributionGroup -Name "Managers" -Type "Security"
# Example 2
New-DistributionGroup -Name "ITDepartment" -Members chris@contoso.com,michelle@contoso.com,laura@contoso.com,julia@contoso.com
