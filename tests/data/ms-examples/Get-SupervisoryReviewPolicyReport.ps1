# Example 1
Get-SupervisoryReviewPolicyReport -StartDate 03/01/2018 -EndDate 03/31/2018
# Example 2
Get-SupervisoryReviewPolicyReport -Policies "EU Brokers Policy"
