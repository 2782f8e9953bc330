# Example 1
Get-WorkforceInsightsDelegationAccess -Delegator a5f5dbca-8cc8-4a36-bbfc-9b8947b4eb60
