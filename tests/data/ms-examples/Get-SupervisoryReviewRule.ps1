# Example 1
Get-SupervisoryReviewRule
# Example 2
Get-SupervisoryReviewRule -Identity "EU Brokers Rule" | Format-List
# Example 3
Get-SupervisoryReviewRule -Policy "EU Brokers Policy"
