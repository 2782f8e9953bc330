# Example 1
Get-ResubmitRequest
# Example 2
Get-ResubmitRequest 1
