# Example 1
Remove-ResubmitRequest 5
# Example 2
Get-ResubmitRequest | Remove-ResubmitRequest
