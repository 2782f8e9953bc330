# Example 1
Get-BillingPolicy -ResourceType HVE
