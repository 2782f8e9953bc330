# Example 1
Get-DynamicDistributionGroup
# Example 2
Get-DynamicDistributionGroup -Identity "Marketing Department" | Format-List
# Example 3
Get-DynamicDistributionGroup -Anr *research* | Format-Table Name, ManagedBy -Auto
# Example 4
$FTE = Get-DynamicDistributionGroup "Full Time Employees"

Get-Recipient -RecipientPreviewFilter $FTE.RecipientFilter -OrganizationalUnit $FTE.RecipientContainer
