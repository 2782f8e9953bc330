# Example 1
Get-ExternalInOutlook
