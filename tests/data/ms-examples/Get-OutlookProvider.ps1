# Example 1
Get-OutlookProvider
# Example 2
Get-OutlookProvider -Identity WEB | Format-List
