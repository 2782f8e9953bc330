# Example 1
Add-WorkforceInsightsDelegationAccess -Delegate 8bd05978-667c-4eda-a029-291ea8930677 -Delegator a5f5dbca-8cc8-4a36-bbfc-9b8947b4eb60
