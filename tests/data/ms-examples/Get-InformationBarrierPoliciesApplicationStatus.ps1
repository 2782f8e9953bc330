# Example 1
Get-InformationBarrierPoliciesApplicationStatus
# Example 2
Get-InformationBarrierPoliciesApplicationStatus -All
