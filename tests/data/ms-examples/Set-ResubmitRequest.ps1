# Example 1
Set-ResubmitRequest 8 -Enabled $false
