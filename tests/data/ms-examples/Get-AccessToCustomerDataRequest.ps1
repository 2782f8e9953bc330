# Example 1
Get-AccessToCustomerDataRequest
# Example 2
Get-AccessToCustomerDataRequest -ApprovalStatus Pending
# Example 3
Get-AccessToCustomerDataRequest -RequestId EXSR123456 | Format-List
