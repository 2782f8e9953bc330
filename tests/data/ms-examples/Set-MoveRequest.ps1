# Example 1
Set-MoveRequest -Identity Ayla@humongousinsurance.com -BadItemLimit 5
# Example 2
Set-MoveRequest -Identity Sruthi@contoso.com -SkippedItemApprovalTime $(Get-Date).ToUniversalTime()
