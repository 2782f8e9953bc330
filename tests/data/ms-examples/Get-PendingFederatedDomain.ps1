# Example 1
Get-PendingFederatedDomain
