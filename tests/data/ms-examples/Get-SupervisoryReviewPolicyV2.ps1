# Example 1
Get-SupervisoryReviewPolicyV2
# Example 2
Get-SupervisoryReviewPolicyV2 -Identity "EU Brokers Policy" | Format-List
