# Example 1
Get-Queue | Format-List
# Example 2
Get-Queue -Filter "MessageCount -gt 100"
# Example 3
Get-Queue Server1\contoso.com | Format-List
# Example 4
Get-Queue -Exclude Internal
