# Example 1
Get-AuthenticationPolicy | Format-Table -Auto Name
# Example 2
Get-AuthenticationPolicy -Identity "Engineering Group"
