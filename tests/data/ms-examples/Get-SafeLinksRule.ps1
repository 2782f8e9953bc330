# Example 1
Get-SafeLinksRule | Format-Table -Auto Name,State,Priority,SafeLinksPolicy,Comments
# Example 2
Get-SafeLinksRule -Identity "Research Department URL Rule"
