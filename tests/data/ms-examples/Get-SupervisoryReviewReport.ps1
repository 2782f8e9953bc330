# Example 1
Get-SupervisoryReviewReport -StartDate 03/01/2018 -EndDate 03/31/2018
# Example 2
Get-SupervisoryReviewPolicyReport -Policies "US Brokers Policy"
