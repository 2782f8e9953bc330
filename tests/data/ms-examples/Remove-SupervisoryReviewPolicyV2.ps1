# Example 1
Remove-SupervisoryReviewPolicyV2 -Identity "EU Brokers Policy"
