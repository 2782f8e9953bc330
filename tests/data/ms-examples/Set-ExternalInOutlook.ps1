# Example 1
Set-ExternalInOutlook -Enabled $true
# Example 2
Set-ExternalInOutlook -AllowList admin@fabrikam.com,admin@fourthcoffee.com
# Example 3
Set-ExternalInOutlook -AllowList @{Add="admin@cohovineyard.com"; Remove="admin@fourthcoffee.com"}
